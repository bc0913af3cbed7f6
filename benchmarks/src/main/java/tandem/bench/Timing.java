package tandem.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/** How {@code ./tandem bench} times one workload: warm up, then the median of repeated runs. */
final class Timing {
    private static final double MIN_SECONDS = 1.0, WARMUP_SECONDS = 0.5, BLOCK_SECONDS = 0.25, MAX_WARMUP_SECONDS = 6;
    /** Warm-up ends once a block of runs is no more than this much faster than the block before it. */
    private static final double SETTLED = 0.95;
    private static final int MIN_RUNS = 3, MAX_RUNS = 41, WARMUP_RUNS = 2;
    /** A block with no more JIT compilation than this (ms, all compiler threads) is past the JIT's work. */
    private static final long QUIET_COMPILE_MILLIS = 5;
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    private Timing() {}

    /**
     * Warm up until the JIT has settled, then time runs until both MIN_RUNS and MIN_SECONDS are reached (at most
     * MAX_RUNS); the median. Warm-up takes at least WARMUP_RUNS and WARMUP_SECONDS, then goes on in blocks (at least
     * 3 runs and BLOCK_SECONDS each) until a block's best run is within 5% of the previous block's and the JIT
     * compiled (almost) nothing during it (at most MAX_WARMUP_SECONDS). A fixed half second was too short for C2 to
     * finish compiling a whole training step: the tiny model's step measured 193-216 ms in the bench while a 25-second
     * loop of the same step settled at 150. Equal blocks alone can still be two blocks on one plateau while C2 is busy
     * (conv1d-mid's first calls run at about 11 ms, its compiled ones at 0.9), so a block must also be free of
     * compilation. Fresh heap is the other slow start, on virtual machines whose host backs guest memory on first
     * touch: {@code ./tandem bench} therefore starts the JVM with its heap pre-touched.
     */
    static double medianMillis(Workload w) {
        float sink = 0;
        long warmStart = System.nanoTime(), blockStart = warmStart;
        double previousBest = Double.POSITIVE_INFINITY, blockBest = Double.POSITIVE_INFINITY;
        long blockCompile = compileMillis();
        for (int i = 0, inBlock = 0; ; i++) {
            long t0 = System.nanoTime();
            sink += w.run();
            long t1 = System.nanoTime();
            blockBest = Math.min(blockBest, t1 - t0);
            inBlock++;
            boolean warm = i + 1 >= WARMUP_RUNS && t1 - warmStart >= WARMUP_SECONDS * 1e9;
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

    /** Milliseconds the JIT has spent compiling so far, or 0 where the JVM does not say (the warm-up then goes by time). */
    private static long compileMillis() {
        return JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : 0;
    }
}
