package tandem.tensor;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Process-wide settings, and the version of this build. */
public final class Tandem {
    private static volatile int numThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final String VERSION = readVersion();

    private Tandem() {}

    /** The version of this build, as its poms give it (e.g. {@code 0.1.0-SNAPSHOT}). */
    public static String version() { return VERSION; }

    private static String readVersion() {
        try (InputStream in = Tandem.class.getResourceAsStream("version.properties")) {
            if (in == null) return "unknown (version.properties missing from the tensor module)";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** Threads the CPU kernels may use (default: the number of cores). */
    public static int numThreads() { return numThreads; }

    public static void setNumThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("setNumThreads: need at least 1 thread, got " + n);
        numThreads = n;
    }
}
