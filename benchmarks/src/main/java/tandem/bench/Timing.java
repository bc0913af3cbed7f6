package tandem.bench;

import java.util.Arrays;

/** How {@code ./tandem bench} times one workload: warm up, then repeated runs, kept sorted for the median and spread. */
final class Timing {
    private static final double MIN_SECONDS = 1.0, WARMUP_SECONDS = 0.5;
    private static final int MIN_RUNS = 3, MAX_RUNS = 41, WARMUP_RUNS = 2;

    private Timing() {}

    /** The times of the timed runs in milliseconds, sorted. */
    record Sample(double[] millis) {
        double median() { return quantile(0.5); }

        /** Linear interpolation between order statistics (the usual "type 7" quantile). */
        double quantile(double q) {
            double pos = q * (millis.length - 1);
            int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
            return millis[lo] + (pos - lo) * (millis[hi] - millis[lo]);
        }

        /** The interquartile range over the median: how much the repeats of this row disagree. */
        double spread() { return (quantile(0.75) - quantile(0.25)) / median(); }

        int runs() { return millis.length; }
    }

    /**
     * Warm up (at least WARMUP_RUNS and WARMUP_SECONDS, so small ops reach C2 before timing), then time runs until
     * both MIN_RUNS and MIN_SECONDS are reached (at most MAX_RUNS).
     */
    static Sample time(Workload w) {
        float sink = 0;
        long warmStart = System.nanoTime();
        for (int i = 0; i < WARMUP_RUNS || System.nanoTime() - warmStart < WARMUP_SECONDS * 1e9; i++) sink += w.run();
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
        return new Sample(t);
    }
}
