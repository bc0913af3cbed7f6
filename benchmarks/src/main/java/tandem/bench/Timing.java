package tandem.bench;

import java.util.Arrays;

/** How {@code ./tandem bench} times one workload: warm up, then the median (and 95th percentile) of repeated runs. */
final class Timing {
    /**
     * Warm up for at least {@code warmupRuns} runs and {@code warmupSeconds}, so that small ops reach C2 before timing;
     * then time runs until both {@code minRuns} and {@code minSeconds} are reached (at most {@code maxRuns}).
     */
    record Policy(int warmupRuns, double warmupSeconds, int minRuns, double minSeconds, int maxRuns) {}

    /** Kernels: a quick median. */
    static final Policy KERNEL = new Policy(2, 0.5, 3, 1.0, 41);
    /**
     * Device rows: one warm-up run (it builds the kernel program and reaches steady state at once; the slow rows would
     * spend minutes in more), then a quick median.
     */
    static final Policy DEVICE = new Policy(1, 0.5, 3, 1.0, 41);
    /**
     * Latencies: a longer warm-up (a window runs code the JIT needs seconds for), and enough runs for a 95th percentile
     * that is not simply the slowest run.
     */
    static final Policy LATENCY = new Policy(5, 3.0, 20, 3.0, 200);

    /** Median and 95th percentile (nearest rank) in milliseconds, over {@code runs} timed runs. */
    record Result(double medianMillis, double p95Millis, int runs) {}

    private Timing() {}

    static double medianMillis(Workload w) { return measure(w, KERNEL).medianMillis(); }

    static Result measure(Workload w, Policy p) {
        float sink = 0;
        long warmStart = System.nanoTime();
        for (int i = 0; i < p.warmupRuns() || System.nanoTime() - warmStart < p.warmupSeconds() * 1e9; i++) sink += w.run();
        double[] times = new double[p.maxRuns()];
        int n = 0;
        long start = System.nanoTime();
        while (n < p.maxRuns() && (n < p.minRuns() || System.nanoTime() - start < p.minSeconds() * 1e9)) {
            long t0 = System.nanoTime();
            sink += w.run();
            times[n++] = (System.nanoTime() - t0) / 1e6;
        }
        if (Float.isNaN(sink) && sink == 0) throw new AssertionError("unreachable: keeps results alive");
        double[] t = Arrays.copyOf(times, n);
        Arrays.sort(t);
        double median = n % 2 == 1 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
        return new Result(median, t[(int) Math.ceil(0.95 * n) - 1], n);
    }
}
