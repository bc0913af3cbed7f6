package tandem.kernels.cpu;

/**
 * Whether this JVM can run the fast F32 kernels, which are written on the incubating Vector API. The module
 * {@code jdk.incubator.vector} is in every JDK since 16 but is only resolved when the JVM is started with
 * {@code --add-modules jdk.incubator.vector}. Without it, the CPU backend runs its plain reference kernels (correct,
 * several times slower) and says so once on standard error, instead of failing on the first matmul with
 * {@code NoClassDefFoundError: jdk/incubator/vector/Vector}.
 */
final class VectorApi {
    static final boolean AVAILABLE = probe();
    static final String MISSING = "tandem: the Vector API is not enabled, so the CPU runs its plain reference kernels"
            + " (several times slower); start java with --add-modules jdk.incubator.vector";
    private static volatile boolean told;

    private VectorApi() {}

    private static boolean probe() {
        try {
            Class.forName("jdk.incubator.vector.FloatVector", false, VectorApi.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Prints {@link #MISSING} the first time it is called in a JVM without the Vector API. */
    static void tellIfMissing() {
        if (AVAILABLE || told) return;
        synchronized (VectorApi.class) {
            if (told) return;
            told = true;
            System.err.println(MISSING);
        }
    }
}
