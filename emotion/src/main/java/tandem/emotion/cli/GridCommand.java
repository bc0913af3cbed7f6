package tandem.emotion.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tandem.emotion.grid.GridReport;
import tandem.emotion.grid.GridRun;
import tandem.emotion.grid.GridRunner;
import tandem.emotion.grid.GridSpec;
import tandem.emotion.rundir.OutputFolder;
import tandem.emotion.rundir.RunLock;

/** Runs an experiment grid from a spec file, in this process (or on Spark, through the launcher's --spark route). */
@Command(name = "grid", mixinStandardHelpOptions = true,
        description = {"Run an experiment grid: variants x regimes or manifests x seeds x repeats x folds from a JSON spec;"
                + " every cell is a resumable job, skipped once done. Writes results.csv, report.md, report.json and"
                + " matrix.png (mean accuracy) to --out, with paired corrected resampled t-tests against the baseline,"
                + " Holm-corrected.",
            "With --spark MASTER (local[N], spark://HOST:7077) ./tandem sends the cells to Apache Spark instead."})
public final class GridCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = "grid spec (JSON); see docs/study.md")
    Path spec;

    @Option(names = "--out", required = true, paramLabel = "RUN_DIR", description = "run folder (new or empty; or a grid run with --resume)")
    Path out;

    @Mixin
    GridRunOptions options;

    @Option(names = "--spark", paramLabel = "MASTER", description = "run the cells on Apache Spark (handled by ./tandem, which routes"
            + " the command to the Spark module)")
    String spark;

    @Override
    public Integer call() throws Exception {
        if (spark != null) {
            throw new IllegalArgumentException("--spark runs through ./tandem, which sends the grid to the Spark module;"
                    + " this entry point runs grids in-process only");
        }
        return run(GridSpec.read(spec), out, options);
    }

    static int run(GridSpec spec, Path out, GridRunOptions o) throws Exception {
        Runs.setThreads(o.threads);
        OutputFolder.requireUsable(out);
        GridReport.Summary s;
        try (RunLock lock = Runs.lock(out, "grid")) {
            GridRun run = o.reportOnly ? GridRun.open(out) : GridRun.create(out, spec, o.resume);
            s = o.reportOnly ? GridReport.write(run) : GridRunner.run(run, System.out::println);
        }
        System.out.println();
        System.out.println(s.markdown());
        System.out.println("report: " + out.resolve("report.md") + "; per cell: " + out.resolve("results.csv"));
        return 0;
    }
}
