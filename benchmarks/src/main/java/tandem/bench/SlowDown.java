package tandem.bench;

import java.util.Locale;

/**
 * A test-only switch that deliberately slows one op's rows, to prove that {@code bench compare} catches a slower
 * kernel: {@code -Dtandem.bench.slow=OP} (or {@code OP:FACTOR}, default 3) makes every timed run of OP do its kernel
 * work FACTOR times. Read once per bench run; never set in normal use.
 */
record SlowDown(String op, int factor) {
    static final String PROPERTY = "tandem.bench.slow";
    static final SlowDown NONE = new SlowDown(null, 1);

    static SlowDown fromSystemProperty() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) return NONE;
        int colon = v.indexOf(':');
        String op = colon < 0 ? v.trim() : v.substring(0, colon).trim();
        if (!BenchOps.ALL.contains(op) && !DeviceWorkloads.OPS.contains(op)) {
            throw new IllegalArgumentException(PROPERTY + ": unknown op '" + op + "'; known: " + String.join(", ", BenchOps.ALL));
        }
        int factor;
        try {
            factor = colon < 0 ? 3 : Integer.parseInt(v.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + ": factor in '" + v + "' is not a whole number");
        }
        if (factor < 2) throw new IllegalArgumentException(PROPERTY + ": factor must be at least 2, got " + factor);
        return new SlowDown(op, factor);
    }

    boolean active() { return op != null; }

    /** The workload itself, or for the slowed op one that runs it {@code factor} times per call. */
    Workload apply(String name, Workload w) {
        if (!name.equals(op)) return w;
        return new Workload() {
            @Override public double flops() { return w.flops(); }

            @Override public double bytes() { return w.bytes(); }

            @Override public float run() {
                float s = 0;
                for (int i = 0; i < factor; i++) s += w.run();
                return s;
            }
        };
    }

    @Override
    public String toString() { return String.format(Locale.ROOT, "%s x%d", op, factor); }
}
