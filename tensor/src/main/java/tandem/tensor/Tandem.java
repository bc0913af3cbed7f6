package tandem.tensor;

/** Process-wide settings. */
public final class Tandem {
    private static volatile int numThreads = Math.max(1, Runtime.getRuntime().availableProcessors());

    private Tandem() {}

    /** Threads the CPU kernels may use (default: the number of cores). */
    public static int numThreads() { return numThreads; }

    public static void setNumThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("setNumThreads: need at least 1 thread, got " + n);
        numThreads = n;
    }
}
