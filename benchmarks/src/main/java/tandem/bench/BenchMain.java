package tandem.bench;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tandem.emotion.cli.TandemVersion;
import tandem.tensor.Device;

/**
 * {@code ./tandem bench}: a quick roofline table without JMH. On the CPU: every op of the model's benchmark shapes,
 * forward and forward+backward, on 1 and 2 threads, as median milliseconds, spread of the repeats, GFLOP/s, GB/s,
 * arithmetic intensity and fraction of the FMA peak measured in the same run, with OpenBLAS's sgemm timed beside
 * Tandem's GEMM and their ratio printed as {@code tandem/openblas ...} lines. On a device
 * ({@code --device opencl|cuda}): GEMM, every convolution with the v2 and v1 kernels, the fused ops beside their
 * composites ({@link DeviceWorkloads}). Each row is also printed as one line
 * {@code bench op=<id> pass=<fwd|fwdbwd> threads=<n>|device=<d> ms=<median> spread=<iqr/median> gflops=<x> gbs=<y> peak=<fraction>};
 * {@code --out FILE} writes the run (environment, ceilings, warnings, rows) as JSON for {@code bench compare}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = TandemVersion.class, sortOptions = false,
        subcommands = {BenchCompare.class, BenchPlot.class},
        description = "Kernel benchmarks: median time, spread, GFLOP/s, GB/s and fraction of the FMA peak measured in the same run.")
public final class BenchMain implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--op", paramLabel = "ID", split = ",", description = "these ops only (comma-separated); of: "
            + "${COMPLETION-CANDIDATES} (the -v1 convolutions only on a device)", completionCandidates = BenchOps.Names.class)
    List<String> op;

    @Option(names = "--pass", paramLabel = "P", description = "one pass only: fwd or fwdbwd (default: both)")
    String pass;

    @Option(names = "--threads", paramLabel = "N", description = "one thread count only (default: 1 and 2)")
    Integer threads;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "D",
            description = "cpu, opencl[:N] or cuda[:N]; on a device: GEMM, every convolution with the tiled v2 kernels and v1,"
                    + " the fused ops beside their composites, with GFLOP/s and GB/s (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--json", description = "also print the run as JSON at the end")
    boolean json;

    @Option(names = "--no-tune", description = "use the kernel shapes derived from the machine, not those ./tandem tune stored")
    boolean noTune;

    @Option(names = "--out", paramLabel = "FILE", description = "write the run as JSON (environment, ceilings, warnings, rows): the input of bench compare")
    Path outFile;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "draw the rows of the largest thread count on its roofline (PNG); bench plot draws a saved run")
    Path plot;

    @Option(names = "--profile", description = "after timing each row, record 3 more runs of it with the profiler and print its op table")
    boolean profile;

    @Option(names = "--profile-dir", defaultValue = "bench-profile", paramLabel = "DIR",
            description = "where --profile writes each row's profile.txt, trace.json and profile.json (default: ${DEFAULT-VALUE})")
    Path profileDir;

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs a bench command line and returns its exit code; errors are one line naming the problem. */
    static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cl = new CommandLine(new BenchMain());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            String m = ex.getMessage() == null || ex.getMessage().isBlank() ? ex.getClass().getSimpleName() : ex.getMessage();
            cmd.getErr().println("tandem bench" + (cmd.getCommandName().equals("bench") ? "" : " " + cmd.getCommandName()) + ": error: " + m.replace('\n', ' '));
            if (Boolean.getBoolean("tandem.debug")) ex.printStackTrace(cmd.getErr());
            return 2;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        if (noTune) System.setProperty(tandem.kernels.cpu.fast.Tuning.SWITCH, "off"); // before any kernel reads its shapes
        if (threads != null && threads < 1) throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        if (pass != null && !pass.equals("fwd") && !pass.equals("fwdbwd")) {
            throw new IllegalArgumentException("--pass must be fwd or fwdbwd, got '" + pass + "'");
        }
        Device d = Device.parse(device);
        boolean onDevice = !d.equals(Device.CPU);
        List<String> ops = op == null ? (onDevice ? DeviceWorkloads.OPS : BenchOps.FULL_TABLE) : new ArrayList<>();
        if (op != null) for (String o : op) ops.addAll(BenchOps.select(o, onDevice));
        requireWritable(outFile, "--out");
        if (plot != null) requirePng(plot);
        PrintWriter out = spec.commandLine().getOut();
        BenchRun run = new BenchRun(out, profile ? profileDir : null, SlowDown.fromSystemProperty(), pass);
        BenchReport report = onDevice ? run.onDevice(d, ops) : run.onCpu(ops, threads == null ? List.of(1, 2) : List.of(threads));
        BenchRow.printTable(run.rows(), out);
        for (String w : report.warnings()) out.println("warning: " + w);
        if (json) out.println(report.toJson());
        if (outFile != null) {
            Path tmp = outFile.resolveSibling(outFile.getFileName() + ".tmp");
            Files.writeString(tmp, report.toJson());
            Files.move(tmp, outFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out.println("results: " + outFile);
        }
        if (plot != null) {
            RooflinePlot.write(report, plot);
            out.println("roofline: " + plot);
        }
        out.flush();
        return 0;
    }

    /** A PNG file name in an existing folder, checked before any measuring. */
    static void requirePng(Path png) {
        requireWritable(png, "--plot");
        if (!png.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new IllegalArgumentException("--plot: " + png + " does not end in .png");
        }
    }

    /** Fails before any measuring when the file's folder does not exist. */
    private static void requireWritable(Path file, String option) {
        if (file == null) return;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) throw new IllegalArgumentException(option + ": folder " + parent + " does not exist");
        if (Files.isDirectory(file)) throw new IllegalArgumentException(option + ": " + file + " is a folder, not a file");
    }
}
