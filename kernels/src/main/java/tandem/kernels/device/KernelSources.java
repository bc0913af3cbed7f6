package tandem.kernels.device;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel sources shared by every device backend: the dialect headers and the kernel files listed in
 * {@code kernels.txt}, read from the class path ({@code tandem/kernels/src/}). {@link #program} joins them into one
 * translation unit with {@code #line} markers, so a compiler error names the kernel file and line.
 */
public final class KernelSources {
    public static final String ROOT = "tandem/kernels/src/";
    public static final List<String> HEADERS = List.of("tandem_dialect.h", "tandem_ops.h", "tandem_layout.h");

    private KernelSources() {}

    /** The kernel files, in program order. */
    public static List<String> kernelFiles() {
        List<String> files = new ArrayList<>();
        for (String line : read("kernels.txt").split("\n")) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith("#")) files.add(s);
        }
        return files;
    }

    /**
     * The whole program for one element type.
     *
     * @param f64    {@code real} is double (otherwise float)
     * @param hasF64 the device has double arithmetic (accumulators and the cast kernels use it)
     */
    public static String program(boolean f64, boolean hasF64) {
        StringBuilder sb = new StringBuilder();
        sb.append("#define TK_F64 ").append(f64 ? 1 : 0).append('\n');
        sb.append("#define TK_HAS_F64 ").append(hasF64 ? 1 : 0).append('\n');
        for (String h : HEADERS) append(sb, h);
        for (String f : kernelFiles()) append(sb, f);
        return sb.toString();
    }

    private static void append(StringBuilder sb, String file) {
        sb.append("#line 1 \"").append(file).append("\"\n").append(read(file)).append('\n');
    }

    /** One source file's text. */
    public static String read(String file) {
        try (InputStream in = KernelSources.class.getClassLoader().getResourceAsStream(ROOT + file)) {
            if (in == null) throw new IllegalStateException("kernel source " + ROOT + file + " is missing from the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kernel source " + ROOT + file, e);
        }
    }
}
