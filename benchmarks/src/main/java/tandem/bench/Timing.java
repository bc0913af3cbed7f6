package tandem.bench;

import java.util.Arrays;

/** How {@code ./tandem bench} times one workload: warm up, then the median of repeated runs. */
final class Timing {
    private static final double MIN_SECONDS = 1.0, WARMUP_SECONDS = 0.5;
    private static final int MIN_RUNS = 3, MAX_RUNS = 41, WARMUP_RUNS = 2;

    private Timing() {}

    /**
     * Warm up (at least WARMUP_RUNS and WARMUP_SECONDS, so small ops reach C2 before timing), then time runs until
     * both MIN_RUNS and MIN_SECONDS are reached (at most MAX_RUNS); the median.
     */
    static double medianMillis(Workload w) { return medianMillis(w, WARMUP_RUNS); }

    /**
     * As {@link #medianMillis(Workload)} with at least {@code warmupRuns} warm-up runs. A device row needs one (it builds
     * the kernel program and reaches steady state at once), and its slow rows would spend minutes in more.
     */
    static double medianMillis(Workload w, int warmupRuns) {
        float sink = 0;
        long warmStart = System.nanoTime();
        for (int i = 0; i < warmupRuns || System.nanoTime() - warmStart < WARMUP_SECONDS * 1e9; i++) sink += w.run();
        double[] times = new double[MAX_RUNS];
        int n = 0;
        long start = System.nanoTime();
        while (n < MAX_RUNS && (n < MIN_RUNS || System.nanoTime() - start < MIN_SECONDS * 1e9)) {
            long t0 = System.nanoTime();
            sink += w.run();
            times[n++] = (System.nanoTime() - t0) / 1e6;
        }
        if (Float.isNaN(sink) && sink == 0) throw new AssertionError("unreachable: keeps results alive");
        double[] t = Arrays.copyOf(times, n);
        Arrays.sort(t);
        return n % 2 == 1 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
    }
}
