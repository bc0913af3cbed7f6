package tandem.tensor.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The memory-bandwidth ceiling of the roofline, measured as STREAM measures it: the triad {@code a[i] = b[i] + s c[i]}
 * over three double arrays far larger than the caches, each thread on its own contiguous slice, counting 24 bytes
 * per element (two reads and a write; the write-allocate read that most caches add is not counted, as in STREAM).
 * The best of several passes after a warm-up, as STREAM reports.
 */
public final class MemoryBandwidth {
    /** Elements per array: 3 x 64 MB, beyond the last-level cache of the machines Tandem runs on. */
    public static final int ELEMENTS = 1 << 23;
    static final int PASSES = 6;

    private MemoryBandwidth() {}

    /** The triad's best rate on {@code threads} threads, GB/s. */
    public static double triad(int threads) { return triad(threads, ELEMENTS, PASSES); }

    static double triad(int threads, int n, int passes) {
        if (threads < 1) throw new IllegalArgumentException("triad: need at least 1 thread, got " + threads);
        double[] a = new double[n], b = new double[n], c = new double[n];
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tandem-triad");
            t.setDaemon(true);
            return t;
        });
        try {
            // first touch by the threads that will use each slice, then one untimed pass
            runSliced(pool, threads, n, (from, to) -> {
                Arrays.fill(a, from, to, 1.0);
                Arrays.fill(b, from, to, 2.0);
                Arrays.fill(c, from, to, 0.5);
            });
            double best = Double.MAX_VALUE;
            for (int p = 0; p <= passes; p++) {
                double s = 3.0 + p * 1e-9;
                long t0 = System.nanoTime();
                runSliced(pool, threads, n, (from, to) -> {
                    for (int i = from; i < to; i++) a[i] = b[i] + s * c[i];
                });
                long t = System.nanoTime() - t0;
                if (p > 0) best = Math.min(best, t);
            }
            if (Double.isNaN(a[n / 2])) throw new AssertionError("unreachable: keeps the triad's result alive");
            return 24.0 * n / best;
        } finally {
            pool.shutdownNow();
        }
    }

    private interface Slice {
        void run(int from, int to);
    }

    private static void runSliced(ExecutorService pool, int threads, int n, Slice body) {
        List<Future<?>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int from = (int) ((long) n * t / threads), to = (int) ((long) n * (t + 1) / threads);
            parts.add(pool.submit(() -> body.run(from, to)));
        }
        try {
            for (Future<?> f : parts) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("triad interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("triad failed", e.getCause());
        }
    }
}
