package tandem.emotion.cli;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import tandem.emotion.rundir.OutputFolder;
import tandem.nn.io.CheckpointException;

/** The {@code ./tandem} command line. */
@Command(name = "tandem", mixinStandardHelpOptions = true, versionProvider = TandemVersion.class,
        description = "Tensors, autograd and hand-written kernels in pure Java, with the audio-visual emotion models of"
                + " Matveev et al. (2023) and MSAF.",
        subcommands = {DemoCommand.class, SynthCommand.class, ImportCommand.class, TrainCommand.class, CompareCommand.class,
            GridCommand.class, StudyCommand.class, SummaryCommand.class, PredictCommand.class, LiveCommand.class, ExplainCommand.class,
            AttentionCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Also: ./tandem bench [--op ID] [--threads N] [--out FILE] [--plot FILE.png]   kernel benchmarks on a roofline",
            "      ./tandem bench compare OLD.json NEW.json   regressions between two runs",
            "      ./tandem tune [--dry-run | --show | --forget]   time the CPU kernels' tiles and blockings here, keep the winners",
            "      ./tandem grid SPEC --out RUN --spark local[N]|spark://HOST:7077   the grid's cells as Apache Spark tasks",
            "Plugins: --plugin JAR (repeatable, anywhere) or TANDEM_PLUGINS=a.jar:b.jar",
            "  add the fusion variants and heads of jars to every command (docs/fusion-variants.md)"})
public final class Main {
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int code = run(args);
        System.exit(code);
    }

    /**
     * Runs a command line and returns its exit code. Every error is one line naming the problem, exit code 2: a usage
     * error with a hint where to look, a failure with what failed; {@code --verbose} adds the full list behind a
     * summarised one, {@code -Dtandem.debug=true} the stack trace. Plugin jars ({@code --plugin},
     * {@code TANDEM_PLUGINS}) are on the class path the command's fusion variants and heads come from.
     */
    public static int run(String... args) {
        List<Path> jars;
        Plugins.CommandLine line;
        try {
            line = Plugins.extract(args);
            jars = new ArrayList<>(Plugins.fromVariable(System.getenv(Plugins.VARIABLE)));
            jars.addAll(line.jars());
        } catch (IllegalArgumentException e) {
            System.err.println("tandem: error: " + oneLine(e));
            return 2;
        }
        if (jars.isEmpty()) return execute(line.args());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        List<String> warnings = new ArrayList<>();
        try (URLClassLoader plugins = Plugins.loader(jars, Main.class.getClassLoader(), warnings)) {
            for (String w : warnings) System.err.println("tandem: warning: " + w);
            thread.setContextClassLoader(plugins);
            return execute(line.args());
        } catch (IOException e) {
            System.err.println("tandem: error: " + oneLine(e));
            return 2;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            CheckpointException listed = listed(ex);
            boolean verbose = parse.subcommand() != null && parse.subcommand().hasMatchedOption(VerboseOption.NAME);
            String hint = listed == null || verbose || !cmd.getCommandSpec().optionsMap().containsKey(VerboseOption.NAME) ? ""
                    : " (" + VerboseOption.NAME + " lists all " + listed.details().size() + ")";
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": error: " + oneLine(ex) + hint);
            if (listed != null && verbose) for (String line : listed.details()) cmd.getErr().println("  " + line);
            if (Boolean.getBoolean("tandem.debug")) ex.printStackTrace(cmd.getErr());
            return 2;
        });
        cl.setParameterExceptionHandler((ex, given) -> {
            CommandLine cmd = ex.getCommandLine();
            String name = cmd.getCommandSpec().qualifiedName(" ");
            cmd.getErr().println(name + ": error: " + ex.getMessage().replace('\n', ' ').strip() + " (see '" + name + " --help')");
            return 2;
        });
        return cl.execute(args);
    }

    /** The message of {@code ex}, on one line; a file error that gives only its path gets its reason. */
    static String oneLine(Throwable ex) {
        Throwable t = ex;
        while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) t = t.getCause();
        String m = t instanceof IOException io ? withReason(io) : t.getMessage();
        if (m == null || m.isBlank()) m = t.getClass().getSimpleName();
        return m.replace('\n', ' ');
    }

    private static String withReason(IOException e) {
        if (e instanceof FileSystemException f && (f.getReason() == null || f.getReason().isBlank())) {
            return f.getMessage() + ": " + OutputFolder.reason(f);
        }
        return e.getMessage();
    }

    private static CheckpointException listed(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof CheckpointException c && !c.details().isEmpty()) return c;
        }
        return null;
    }
}
