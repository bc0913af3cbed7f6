package tandem.bench;

import java.util.Arrays;

/** How {@code ./tandem bench} times one workload: warm up, then repeated runs, kept sorted for the median and spread. */
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

    static Sample time(Workload w) { return time(w, KERNEL); }

    static Sample time(Workload w, Policy p) {
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
        return new Sample(t);
    }
}
