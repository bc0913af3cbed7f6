package tandem.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/** How {@code ./tandem bench} times one workload: warm up, then repeated runs, kept sorted for the median and spread. */
final class Timing {
    /**
     * Warm up for at least {@code warmupRuns} runs and {@code warmupSeconds} (with {@code untilSettled}, then on until
     * the JIT has settled, see {@link #time(Workload, Policy)}); then time runs until both {@code minRuns} and
     * {@code minSeconds} are reached (at most {@code maxRuns}).
     */
    record Policy(int warmupRuns, double warmupSeconds, boolean untilSettled, int minRuns, double minSeconds, int maxRuns) {}

    /** Kernels: warm until the JIT has settled, then a quick median. */
    static final Policy KERNEL = new Policy(2, 0.5, true, 3, 1.0, 41);
    /**
     * Device rows: one warm-up run (it builds the kernel program and reaches steady state at once; the slow rows would
     * spend minutes in more), then a quick median.
     */
    static final Policy DEVICE = new Policy(1, 0.5, false, 3, 1.0, 41);
    /**
     * Latencies: a longer warm-up (a window runs code the JIT needs seconds for), and enough runs for a 95th percentile
     * that is not simply the slowest run.
     */
    static final Policy LATENCY = new Policy(5, 3.0, false, 20, 3.0, 200);

    private static final double BLOCK_SECONDS = 0.25, MAX_WARMUP_SECONDS = 6;
    /** Warm-up ends once a block of runs is no more than this much faster than the block before it. */
    private static final double SETTLED = 0.95;
    /** A block with no more JIT compilation than this (ms, all compiler threads) is past the JIT's work. */
    private static final long QUIET_COMPILE_MILLIS = 5;
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

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

    /**
     * Warms up, then times the runs. With {@code untilSettled} the warm-up goes on past its minimum in blocks (at least
     * 3 runs and BLOCK_SECONDS each) until a block's best run is within 5% of the previous block's and the JIT compiled
     * (almost) nothing during it (at most MAX_WARMUP_SECONDS). A fixed half second was too short for C2 to finish
     * compiling a whole training step: the tiny model's step measured 193-216 ms in the bench while a 25-second loop of
     * the same step settled at 150. Equal blocks alone can still be two blocks on one plateau while C2 is busy
     * (conv1d-mid's first calls run at about 11 ms, its compiled ones at 0.9), so a block must also be free of
     * compilation. Fresh heap is the other slow start, on virtual machines whose host backs guest memory on first
     * touch: {@code ./tandem bench} therefore starts the JVM with its heap pre-touched.
     */
    static Sample time(Workload w, Policy p) {
        float sink = 0;
        long warmStart = System.nanoTime(), blockStart = warmStart;
        double previousBest = Double.POSITIVE_INFINITY, blockBest = Double.POSITIVE_INFINITY;
        long blockCompile = compileMillis();
        for (int i = 0, inBlock = 0; ; i++) {
            long t0 = System.nanoTime();
            sink += w.run();
            long t1 = System.nanoTime();
            boolean warm = i + 1 >= p.warmupRuns() && t1 - warmStart >= p.warmupSeconds() * 1e9;
            if (warm && !p.untilSettled()) break;
            blockBest = Math.min(blockBest, t1 - t0);
            inBlock++;
            if (!warm || inBlock < 3 || t1 - blockStart < BLOCK_SECONDS * 1e9) continue;
            long compiled = compileMillis();
            boolean jitQuiet = compiled - blockCompile <= QUIET_COMPILE_MILLIS;
            if (blockBest >= SETTLED * previousBest && jitQuiet || t1 - warmStart >= MAX_WARMUP_SECONDS * 1e9) break;
            blockCompile = compiled;
            previousBest = blockBest;
            blockBest = Double.POSITIVE_INFINITY;
            inBlock = 0;
            blockStart = t1;
        }
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

    /** Milliseconds the JIT has spent compiling so far, or 0 where the JVM does not say (the warm-up then goes by time). */
    private static long compileMillis() {
        return JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : 0;
    }
}
