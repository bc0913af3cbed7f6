package tandem.emotion.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./tandem} command line. */
@Command(name = "tandem", mixinStandardHelpOptions = true, version = "Tandem 0.1.0",
        description = "Tensors, autograd and hand-written kernels in pure Java, with the audio-visual emotion models of"
                + " Matveev et al. (2023) and MSAF.",
        subcommands = {DemoCommand.class, SynthCommand.class, TrainCommand.class, CompareCommand.class, SummaryCommand.class, PredictCommand.class, ExplainCommand.class, AttentionCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Also: ./tandem bench [--op ID] [--out FILE] [--plot FILE.png]   roofline table",
            "      ./tandem bench compare OLD.json NEW.json   regressions between two runs"})
public final class Main {
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int code = run(args);
        System.exit(code);
    }

    /** Runs a command line and returns its exit code; errors are one line naming the problem. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            cmd.getErr().println("tandem " + cmd.getCommandName() + ": error: " + oneLine(ex));
            if (Boolean.getBoolean("tandem.debug")) ex.printStackTrace(cmd.getErr());
            return 2;
        });
        return cl.execute(args);
    }

    static String oneLine(Throwable ex) {
        String m = ex.getMessage();
        if (m == null || m.isBlank()) m = ex.getClass().getSimpleName();
        return m.replace('\n', ' ');
    }
}
