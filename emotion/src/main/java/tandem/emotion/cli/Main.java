package tandem.emotion.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import tandem.emotion.rundir.OutputFolder;
import tandem.nn.io.CheckpointException;

/** The {@code ./tandem} command line. */
@Command(name = "tandem", mixinStandardHelpOptions = true, version = "Tandem 0.1.0",
        description = "Tensors, autograd and hand-written kernels in pure Java, with the audio-visual emotion models of"
                + " Matveev et al. (2023) and MSAF.",
        subcommands = {DemoCommand.class, SynthCommand.class, TrainCommand.class, CompareCommand.class, GridCommand.class, StudyCommand.class, SummaryCommand.class, PredictCommand.class, ExplainCommand.class, AttentionCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Also: ./tandem bench [--op ID] [--threads N] [--json]   kernel benchmarks with a roofline table",
            "      ./tandem grid SPEC --out RUN --spark local[N]|spark://HOST:7077   the grid's cells as Apache Spark tasks"})
public final class Main {
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int code = run(args);
        System.exit(code);
    }

    /**
     * Runs a command line and returns its exit code. Every error is one line naming the problem, exit code 2: a usage
     * error with a hint where to look, a failure with what failed; {@code --verbose} adds the full list behind a
     * summarised one, {@code -Dtandem.debug=true} the stack trace.
     */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            CheckpointException listed = listed(ex);
            boolean verbose = parse.subcommand() != null && parse.subcommand().hasMatchedOption(VerboseOption.NAME);
            String hint = listed == null || verbose || !cmd.getCommandSpec().optionsMap().containsKey(VerboseOption.NAME) ? ""
                    : " (" + VerboseOption.NAME + " lists all " + listed.details().size() + ")";
            cmd.getErr().println("tandem " + cmd.getCommandName() + ": error: " + oneLine(ex) + hint);
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
