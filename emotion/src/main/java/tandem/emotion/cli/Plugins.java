package tandem.emotion.cli;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * Plugin jars: {@code --plugin JAR} (repeatable, anywhere on the command line) and the {@code TANDEM_PLUGINS} variable
 * (jars separated by the path separator, ':' on Linux) add jars to the class path every command searches for fusion
 * variants and heads ({@code META-INF/services}).
 */
final class Plugins {
    static final String OPTION = "--plugin", VARIABLE = "TANDEM_PLUGINS";
    private static final String[] SERVICES = {"META-INF/services/tandem.emotion.model.fusion.FusionFactory",
            "META-INF/services/tandem.emotion.model.HeadFactory"};

    private Plugins() {}

    /** The command line without its plugin options, and the jars they named. */
    record CommandLine(List<Path> jars, String[] args) {}

    /** Takes {@code --plugin JAR} and {@code --plugin=JAR} out of {@code args} (up to a {@code --}). */
    static CommandLine extract(String[] args) {
        List<Path> jars = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        boolean options = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) options = false;
            if (options && a.equals(OPTION)) {
                if (i + 1 == args.length) throw new IllegalArgumentException(OPTION + " needs a jar file");
                jars.add(Path.of(args[++i]));
            } else if (options && a.startsWith(OPTION + "=")) {
                jars.add(Path.of(a.substring(OPTION.length() + 1)));
            } else {
                rest.add(a);
            }
        }
        return new CommandLine(jars, rest.toArray(String[]::new));
    }

    /** The jars named in the variable's value (null or blank: none). */
    static List<Path> fromVariable(String value) {
        List<Path> jars = new ArrayList<>();
        if (value == null) return jars;
        for (String part : value.split(File.pathSeparator)) if (!part.isBlank()) jars.add(Path.of(part.strip()));
        return jars;
    }

    /**
     * A class loader over {@code jars} whose parent is Tandem's own. Each jar must be a readable jar file; one that
     * registers no fusion variant or head gets a warning on {@code warnings} (it may hold classes another plugin uses).
     */
    static URLClassLoader loader(List<Path> jars, ClassLoader parent, List<String> warnings) throws IOException {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            Path jar = jars.get(i);
            if (!Files.isRegularFile(jar)) throw new IOException("plugin " + jar + ": " + (Files.exists(jar) ? "is not a file" : "no such file"));
            try (JarFile file = new JarFile(jar.toFile())) {
                boolean registers = false;
                for (String service : SERVICES) registers |= file.getEntry(service) != null;
                if (!registers) warnings.add("plugin " + jar + " registers no fusion variant or head (no " + SERVICES[0] + " or " + SERVICES[1] + ")");
            } catch (IOException e) {
                throw new IOException("plugin " + jar + ": not a jar file (" + e.getMessage() + ")", e);
            }
            try {
                urls[i] = jar.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IOException("plugin " + jar + ": " + e.getMessage(), e);
            }
        }
        return new URLClassLoader("tandem-plugins", urls, parent);
    }
}
