package tandem.spark;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tandem.emotion.grid.GridReport;
import tandem.emotion.grid.GridRun;
import tandem.emotion.grid.GridSpec;
import tandem.emotion.rundir.RunLock;

/**
 * {@code ./tandem grid SPEC --out RUN --spark MASTER}: the grid's pending cells as Apache Spark tasks. The driver
 * generates the corpora, hands each pending cell to a task, collects every result into the run folder and writes the
 * report. {@code local[N]} (embedded, nothing to install) runs N cells at once in this JVM; {@code spark://HOST:7077}
 * sends them to a standalone cluster whose nodes all see the run folder. The same main class runs under
 * {@code spark-submit}, which supplies the master. A killed driver loses only its unfinished cells: run it again
 * with {@code --resume}.
 */
@Command(name = "grid", mixinStandardHelpOptions = true,
        description = "Run an experiment grid's cells as Apache Spark tasks (see ./tandem grid --help for the grid itself).")
public final class SparkGridMain implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = "grid spec (JSON)")
    Path spec;

    @Option(names = "--out", required = true, paramLabel = "RUN_DIR",
            description = "run folder, on a file system every node of the cluster sees (new or empty; or a grid run with --resume)")
    Path out;

    @Option(names = "--resume", description = "continue the grid in --out: finished cells are kept, interrupted ones resume")
    boolean resume;

    @Option(names = "--report-only", description = "write the report from the cells finished so far, run nothing")
    boolean reportOnly;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Spark master: local[N] (embedded; N cells at once), spark://HOST:7077 (a cluster); under spark-submit, its --master")
    String master;

    @Option(names = "--task-cpus", defaultValue = "1", description = "cores per cell: Spark's spark.task.cpus and Tandem's kernel threads (default: ${DEFAULT-VALUE})")
    int taskCpus;

    @Override
    public Integer call() throws Exception {
        Path dir = out.toAbsolutePath().normalize();     // executors resolve the same absolute path
        GridSpec grid = reportOnly ? null : GridSpec.read(spec);
        GridReport.Summary s;
        try (RunLock lock = RunLock.acquire(dir, "grid --spark")) {     // held by the driver; its tasks write only their cells
            GridRun run = reportOnly ? GridRun.open(dir) : GridRun.create(dir, grid, resume);
            if (!reportOnly) SparkCells.run(run, master, taskCpus, System.out::println);
            s = GridReport.write(run);
        }
        System.out.println();
        System.out.println(s.markdown());
        System.out.println("report: " + dir.resolve("report.md") + "; per cell: " + dir.resolve("results.csv"));
        return 0;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args));
    }

    /** Runs a command line ({@code grid SPEC ...}; the leading {@code grid} may be left out); errors are one line, exit 2. */
    public static int run(String... args) {
        String[] rest = args.length > 0 && args[0].equals("grid") ? Arrays.copyOfRange(args, 1, args.length) : args;
        CommandLine cl = new CommandLine(new SparkGridMain());
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            Throwable root = ex;
            while (root.getCause() != null && (root.getMessage() == null || root.getMessage().isBlank())) root = root.getCause();
            String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            cmd.getErr().println("tandem grid: error: " + m.replace('\n', ' '));
            if (Boolean.getBoolean("tandem.debug")) ex.printStackTrace(cmd.getErr());
            return 2;
        });
        return cl.execute(rest);
    }
}
