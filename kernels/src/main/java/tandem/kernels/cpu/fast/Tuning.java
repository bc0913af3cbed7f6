package tandem.kernels.cpu.fast;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The tuning file: the kernel shapes {@code ./tandem tune} measured fastest, kept per CPU model, ISA (as this JVM
 * uses it: lanes and registers) and JDK, like FFTW's wisdom. It lives in the user's cache directory
 * ({@code $XDG_CACHE_HOME/tandem}, else {@code ~/.cache/tandem}), one small properties file per key, so machines
 * sharing a home directory and several JDKs do not overwrite each other's choices.
 *
 * <p>{@link KernelShapes#active} reads it once per process. Tuning is off, and the derived shapes are used, when the
 * file is absent, when it was written for another key, when it does not parse (one line on stderr says why), or
 * when {@code -Dtandem.tune=off} or the environment variable {@code TANDEM_TUNE=off} is set ({@code --no-tune}).
 */
public final class Tuning {
    /** System property (and, upper-cased with _ for ., environment variable) that turns tuned shapes off: "off". */
    public static final String SWITCH = "tandem.tune";

    private Tuning() {}

    /** False when the user asked for the derived shapes. */
    public static boolean enabled() {
        String p = System.getProperty(SWITCH, System.getenv("TANDEM_TUNE"));
        return p == null || !(p.equalsIgnoreCase("off") || p.equalsIgnoreCase("false") || p.equals("0"));
    }

    /** What a tuning is valid for: the CPU model, the ISA as this JVM uses it, and the JDK. */
    public static String key(CpuFeatures f) {
        return "cpu=" + f.model() + "; isa=" + f.isa() + ", " + f.lanes() + " lanes, " + f.vectorRegisters()
                + " registers; jdk=" + System.getProperty("java.vm.vendor", "?") + " " + Runtime.version();
    }

    /** The tuning file for {@code f} on this JVM. */
    public static Path file(CpuFeatures f) {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path dir = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return dir.resolve("tandem").resolve(String.format(Locale.ROOT, "tune-%08x.properties", key(f).hashCode()));
    }

    /** The stored shapes for this machine, or null (tuning off, no file, another key, or a file that does not parse). */
    static KernelShapes load(CpuFeatures f) {
        if (!enabled()) return null;
        Path file = file(f);
        if (!Files.isRegularFile(file)) return null;
        try {
            return read(file, key(f));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("tandem: ignoring the tuning file " + file + ": " + e.getMessage()
                    + " (run ./tandem tune again, or delete it)");
            return null;
        }
    }

    /** The shapes in {@code file} if it was written for {@code key}, else null; throws on a malformed file. */
    static KernelShapes read(Path file, String key) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        if (!key.equals(p.getProperty("key"))) return null;
        GemmShape g = new GemmShape(intValue(p, "gemm.mr"), intValue(p, "gemm.kc"), intValue(p, "gemm.mc"), intValue(p, "gemm.nc"));
        return new KernelShapes(g, intValue(p, "direct.vectors"), "tuned, " + file);
    }

    /** Writes {@code shapes} for {@code f} atomically (a reader never sees half a file); {@code notes} become comments. */
    public static Path store(CpuFeatures f, KernelShapes shapes, List<String> notes) throws IOException {
        return write(file(f), key(f), shapes, notes);
    }

    static Path write(Path file, String key, KernelShapes shapes, List<String> notes) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "tune-", ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write("# written by ./tandem tune; delete this file (or run with --no-tune) to use the derived shapes\n");
                for (String n : notes) w.write("# " + n.replace('\n', ' ') + "\n");
                Properties p = new Properties();
                p.setProperty("key", key);
                GemmShape g = shapes.gemm();
                p.setProperty("gemm.mr", Integer.toString(g.mr()));
                p.setProperty("gemm.kc", Integer.toString(g.kc()));
                p.setProperty("gemm.mc", Integer.toString(g.mc()));
                p.setProperty("gemm.nc", Integer.toString(g.nc()));
                p.setProperty("direct.vectors", Integer.toString(shapes.directVectors()));
                p.store(w, null);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    private static int intValue(Properties p, String name) {
        String v = p.getProperty(name);
        if (v == null || !v.strip().matches("\\d{1,6}")) throw new IllegalArgumentException(name + " is missing or not a number: " + v);
        return Integer.parseInt(v.strip());
    }
}
