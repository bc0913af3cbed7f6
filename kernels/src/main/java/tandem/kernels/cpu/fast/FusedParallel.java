package tandem.kernels.cpu.fast;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import tandem.tensor.Tandem;

/**
 * Runs independent tasks 0..n-1 of a fused kernel on up to {@link Tandem#numThreads()} threads, the caller included.
 * Tasks are handed out one at a time from a shared counter, so uneven tasks (uneven windows) still balance.
 */
final class FusedParallel {
    /** Below this much work a thread hand-off (tens of microseconds) costs more than it saves. */
    static final double MIN_PARALLEL_FLOPS = 2e5;

    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tandem-fused");
        t.setDaemon(true);
        return t;
    });

    private FusedParallel() {}

    /** Calls {@code task} for every index in [0, n); {@code flops} is the total work, to decide whether to fork. */
    static void forEach(int n, double flops, IntConsumer task) {
        int threads = flops < MIN_PARALLEL_FLOPS ? 1 : Math.min(Tandem.numThreads(), n);
        if (threads <= 1) {
            for (int i = 0; i < n; i++) task.accept(i);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i; (i = next.getAndIncrement()) < n; ) task.accept(i);
        };
        Future<?>[] helpers = new Future<?>[threads - 1];
        for (int t = 0; t < helpers.length; t++) helpers[t] = POOL.submit(worker);
        worker.run();
        for (Future<?> f : helpers) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("fused kernel interrupted", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) throw re;
                if (cause instanceof Error err) throw err;
                throw new IllegalStateException(cause);
            }
        }
    }
}
