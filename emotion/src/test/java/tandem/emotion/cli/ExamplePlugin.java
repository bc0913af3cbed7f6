package tandem.emotion.cli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import tandem.autograd.Var;
import tandem.emotion.model.fusion.FusionFactory;
import tandem.nn.Module;
import tandem.tensor.Tensor;

/**
 * Builds the out-of-tree example plugin ({@code examples/fusion-plugin}) the way a researcher would: compiles its
 * sources with the system Java compiler against Tandem's built classes only (tensor, autograd, nn, emotion; not the
 * test class path), and packs classes and {@code META-INF/services} into a jar.
 */
final class ExamplePlugin {
    private ExamplePlugin() {}

    static Path sources() { return Path.of("").toAbsolutePath().getParent().resolve("examples/fusion-plugin/src"); }

    /** Compiles and jars the example into {@code work}; returns the jar. Fails with the compiler's output. */
    static Path build(Path work) throws IOException {
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(), "-cp", tandemClassPath()));
        List<Path> resources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (f.toString().endsWith(".java")) args.add(f.toString());
                else resources.add(f);
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) throw new IllegalStateException("no system Java compiler: the tests need a JDK, not a JRE");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int rc = javac.run(null, log, log, args.toArray(String[]::new));
        if (rc != 0) throw new IllegalStateException("the example plugin does not compile against Tandem:\n" + log.toString(StandardCharsets.UTF_8));
        Path jar = work.resolve("film-plugin.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> compiled = Files.walk(classes)) {
            for (Path f : compiled.filter(Files::isRegularFile).sorted().toList()) add(j, classes.relativize(f), f);
            for (Path f : resources) add(j, sources().relativize(f), f);
        }
        return jar;
    }

    private static void add(JarOutputStream jar, Path name, Path file) throws IOException {
        jar.putNextEntry(new JarEntry(name.toString().replace(name.getFileSystem().getSeparator(), "/")));
        jar.write(Files.readAllBytes(file));
        jar.closeEntry();
    }

    /** Where Tandem's own modules were built: the folders (or jars) that hold tensor, autograd, nn and emotion. */
    private static String tandemClassPath() {
        List<String> parts = new ArrayList<>();
        for (Class<?> c : new Class<?>[] {Tensor.class, Var.class, Module.class, FusionFactory.class}) {
            try {
                parts.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(File.pathSeparator, parts);
    }
}
