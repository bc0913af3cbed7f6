package tandem.emotion.explain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A line of Tandem's code: the file (relative to the checkout's root), the method, the line number and, when the
 * sources are beside the build, the line's text. The teaching page links every number to two of these: the line
 * of the walkthrough that asked for it ({@link #caller}) and the method of the model or of the engine that does the
 * same computation inside the real block ({@link #method}).
 *
 * @param file   e.g. {@code nn/src/main/java/tandem/nn/layers/Linear.java}
 * @param method e.g. {@code Linear.forward}
 * @param line   1-based; 0 when the sources are not here to look it up
 * @param code   the line's text, trimmed; empty when the sources are not here
 */
public record CodeRef(String file, String method, int line, String code) {
    private static final Map<String, List<String>> SOURCES = new ConcurrentHashMap<>();

    /**
     * The first frame on the stack outside {@code recorders} (the classes that record values, whose own frames say
     * nothing about where a value was computed).
     */
    static CodeRef caller(Class<?>... recorders) {
        StackWalker.StackFrame frame = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .filter(f -> f.getDeclaringClass() != CodeRef.class && !isRecorder(f.getDeclaringClass(), recorders))
                .findFirst()).orElseThrow();
        Class<?> owner = frame.getDeclaringClass();
        String file = sourceFile(topLevel(owner).getName());
        return new CodeRef(file, owner.getSimpleName() + "." + frame.getMethodName(), frame.getLineNumber(), lineText(file, frame.getLineNumber()));
    }

    /**
     * The declaration of {@code method} in the class {@code className} (binary name: {@code Outer$Inner} for a nested
     * class), looked up in the sources when they are here.
     */
    static CodeRef method(String className, String method) {
        int dollar = className.indexOf('$');
        String outer = dollar < 0 ? className : className.substring(0, dollar);
        String simple = className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
        String file = sourceFile(outer);
        int line = declaration(file, dollar < 0 ? null : simple, method);
        return new CodeRef(file, simple + "." + method, line, lineText(file, line));
    }

    /** "nn/src/main/java/tandem/nn/layers/Linear.java:37". */
    public String location() { return line > 0 ? file + ":" + line : file; }

    // tandem.<module>.… lives in <module>/src/main/java: the second name of every package is its Maven module
    static String sourceFile(String topLevelClass) {
        String[] parts = topLevelClass.split("\\.");
        if (parts.length < 3 || !parts[0].equals("tandem")) throw new IllegalArgumentException("not a Tandem class: " + topLevelClass);
        return parts[1] + "/src/main/java/" + topLevelClass.replace('.', '/') + ".java";
    }

    /** The checkout this build came from: {@code -Dtandem.home} (set by ./tandem), else the working folder or one above it. */
    static Optional<Path> sourceRoot() {
        String home = System.getProperty("tandem.home");
        List<Path> candidates = home != null ? List.of(Path.of(home)) : List.of(Path.of("").toAbsolutePath(), Path.of("").toAbsolutePath().resolve(".."));
        return candidates.stream().filter(p -> Files.isDirectory(p.resolve("emotion/src/main/java"))).map(Path::normalize).findFirst();
    }

    private static boolean isRecorder(Class<?> c, Class<?>[] recorders) {
        for (Class<?> r : recorders) if (topLevel(c) == r) return true;
        return false;
    }

    private static Class<?> topLevel(Class<?> c) {
        while (c.getEnclosingClass() != null) c = c.getEnclosingClass();
        return c;
    }

    private static List<String> lines(String file) {
        return SOURCES.computeIfAbsent(file, f -> sourceRoot().map(root -> root.resolve(f)).filter(Files::isRegularFile).map(p -> {
            try {
                return Files.readAllLines(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse(List.of()));
    }

    private static String lineText(String file, int line) {
        List<String> lines = lines(file);
        return line >= 1 && line <= lines.size() ? lines.get(line - 1).trim() : "";
    }

    // the line declaring `method` (a return type or modifier, the name, an opening parenthesis), inside `nested` if given
    private static int declaration(String file, String nested, String method) {
        List<String> lines = lines(file);
        Pattern decl = Pattern.compile("^\\s*(?:(?:public|protected|private|static|final|synchronized)\\s+)*[\\w<>\\[\\], .?]+\\s+" + Pattern.quote(method) + "\\s*\\(");
        Pattern cls = nested == null ? null : Pattern.compile("\\b(?:class|record|enum|interface)\\s+" + Pattern.quote(nested) + "\\b");
        boolean inside = cls == null;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!inside) {
                inside = cls.matcher(l).find();
                continue;
            }
            if (decl.matcher(l).find() && !l.trim().startsWith("return")) return i + 1;
        }
        return 0;
    }
}
