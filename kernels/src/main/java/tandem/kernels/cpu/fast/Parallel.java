package tandem.kernels.cpu.fast;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Fork-join over a small fixed pool of daemon threads, shared by every fast CPU kernel.
 *
 * <p>Kernels call {@link #run(int, IntConsumer)} with one task per thread; task 0 runs on the caller, the rest on
 * the pool. Creating threads per call would cost more than a small GEMM, so the pool lives for the process and only
 * grows when a caller asks for more threads than it has. A call made from inside a pool task runs its tasks one
 * after another on that thread: nested parallelism would only oversubscribe the cores (and could deadlock a
 * bounded pool).
 */
public final class Parallel {
    private static final ThreadLocal<Boolean> IN_POOL = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static ThreadPoolExecutor pool;

    private Parallel() {}

    /** Runs {@code body.accept(t)} for t in [0, tasks), in parallel where it can, and returns when all are done. */
    public static void run(int tasks, IntConsumer body) {
        if (tasks <= 0) return;
        if (tasks == 1 || IN_POOL.get()) {
            for (int t = 0; t < tasks; t++) body.accept(t);
            return;
        }
        ExecutorService exec = poolWithAtLeast(tasks - 1);
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[tasks - 1];
        for (int t = 1; t < tasks; t++) {
            int task = t;
            futures[t - 1] = exec.submit(() -> body.accept(task));
        }
        Throwable failure = null;
        IN_POOL.set(Boolean.TRUE);
        try {
            body.accept(0);
        } catch (Throwable e) {
            failure = e;
        } finally {
            IN_POOL.set(Boolean.FALSE);
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) failure = e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) failure = e;
            }
        }
        if (failure instanceof RuntimeException r) throw r;
        if (failure instanceof Error err) throw err;
        if (failure != null) throw new IllegalStateException("parallel kernel task failed", failure);
    }

    /** Below this much work a thread hand-off (tens of microseconds) costs more than it saves. */
    static final double MIN_PARALLEL_FLOPS = 2e5;

    /**
     * Calls {@code task} for every index in [0, n) on up to {@link tandem.tensor.Tandem#numThreads()} threads, handing
     * indices out one at a time from a shared counter so that uneven tasks (uneven attention windows) still balance.
     * {@code flops} is the total work, to decide whether forking pays.
     */
    public static void forEachIndex(int n, double flops, IntConsumer task) {
        int threads = flops < MIN_PARALLEL_FLOPS ? 1 : Math.min(tandem.tensor.Tandem.numThreads(), n);
        AtomicInteger next = new AtomicInteger();
        run(threads, t -> {
            for (int i; (i = next.getAndIncrement()) < n; ) task.accept(i);
        });
    }

    /** Splits [0, n) into {@code parts} contiguous ranges as evenly as possible; returns the start of range {@code i}. */
    public static int split(int n, int parts, int i) {
        return (int) ((long) n * i / parts);
    }

    private static synchronized ExecutorService poolWithAtLeast(int workers) {
        if (pool == null) {
            ThreadFactory factory = new ThreadFactory() {
                private final AtomicInteger count = new AtomicInteger();

                @Override
                public Thread newThread(Runnable r) {
                    Thread t = new Thread(() -> {
                        IN_POOL.set(Boolean.TRUE);
                        r.run();
                    }, "tandem-cpu-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }
            };
            pool = new ThreadPoolExecutor(workers, workers, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
        } else if (pool.getMaximumPoolSize() < workers) {
            pool.setMaximumPoolSize(workers);
            pool.setCorePoolSize(workers);
        }
        return pool;
    }
}
