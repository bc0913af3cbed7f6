package tandem.bench;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./tandem bench plot RESULT.json FILE.png}: the roofline of a saved run, as {@code bench --plot} draws it. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Draw a saved run (bench --out) on its roofline, as bench --plot does.")
final class BenchPlot implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RESULT", description = "a run written by bench --out")
    Path result;

    @Parameters(index = "1", paramLabel = "FILE.png", description = "the PNG to write")
    Path png;

    @Override
    public Integer call() throws Exception {
        BenchMain.requirePng(png);
        BenchReport report = BenchReport.read(result);
        if (report.environment() == null) throw new IllegalArgumentException(result + ": an older result without ceilings cannot be plotted");
        RooflinePlot.write(report, png);
        spec.commandLine().getOut().println("roofline: " + png);
        return 0;
    }
}
