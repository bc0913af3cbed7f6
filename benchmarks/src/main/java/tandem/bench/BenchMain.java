package tandem.bench;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tandem.tensor.Device;
import tandem.tensor.Tandem;
import tandem.tensor.backend.Backends;

/**
 * {@code ./tandem bench}: a quick roofline table without JMH: every op of the model's benchmark shapes, forward and
 * forward+backward, on 1 and 2 threads, as median milliseconds, GFLOP/s and fraction of the FMA peak measured in the
 * same run (before and after the rows; the better one bounds the column), with OpenBLAS's sgemm timed beside Tandem's
 * GEMM and their ratio printed as {@code tandem/openblas ...} lines. Each row is also printed as one line
 * {@code bench op=<id> pass=<fwd|fwdbwd> threads=<n> ms=<median> gflops=<x> peak=<fraction>}; {@code --json} adds a
 * JSON array at the end.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Kernel benchmarks: median time, GFLOP/s and fraction of the FMA peak measured in the same run.")
public final class BenchMain implements Callable<Integer> {
    @Option(names = "--op", paramLabel = "ID", split = ",",
            description = "only these ops (comma-separated, measured side by side in one run); of: ${COMPLETION-CANDIDATES}",
            completionCandidates = BenchOps.Names.class)
    List<String> op;

    @Option(names = "--threads", paramLabel = "N", description = "one thread count only (default: 1 and 2)")
    Integer threads;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "D",
            description = "cpu, opencl[:N] or cuda[:N]; on a device the table covers the ops it runs (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--json", description = "also print the rows as one JSON array")
    boolean json;

    @Option(names = "--no-tune", description = "use the kernel shapes derived from the machine, not those ./tandem tune stored")
    boolean noTune;

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
            cmd.getErr().println("tandem bench: error: " + m.replace('\n', ' '));
            if (Boolean.getBoolean("tandem.debug")) ex.printStackTrace(cmd.getErr());
            return 2;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        if (noTune) System.setProperty(tandem.kernels.cpu.fast.Tuning.SWITCH, "off"); // before any kernel reads its shapes
        List<String> ops = op == null ? BenchOps.ALL : op.stream().map(BenchOps::require).toList();
        if (threads != null && threads < 1) throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        Device d = Device.parse(device);
        List<BenchRow> rows = d.equals(Device.CPU) ? onCpu(ops) : onDevice(d, ops);
        BenchRow.printTable(rows, System.out);
        if (json) System.out.println(BenchRow.toJson(rows));
        return 0;
    }

    private List<BenchRow> onCpu(List<String> ops) {
        List<BenchRow> rows = new ArrayList<>();
        BenchNotes.header(System.out);
        for (int t : threads == null ? List.of(1, 2) : List.of(threads)) {
            double peak = PeakFlops.measure(t);
            System.out.println(PeakFlops.header(peak, t));
            Tandem.setNumThreads(t);
            List<BenchRow> measured = new ArrayList<>();
            double again = 0;
            for (String o : ops) {
                if (o.endsWith(BenchOps.OPENBLAS) && OpenBlasGemm.unavailable() != null) continue; // the header said why
                again = Math.max(again, PeakFlops.measure(t, 3, 1 << 21)); // the clock may change under a long run
                for (String pass : BenchOps.passes(o)) {
                    Workload w = BenchOps.workload(o, pass);
                    double ms = Timing.medianMillis(w);
                    double gflops = w.flops() / ms / 1e6;
                    // against the best peak so far: the first measurement can catch the core before its clock rose
                    BenchRow row = new BenchRow(o, pass, t, ms, gflops, gflops / Math.max(peak, again));
                    measured.add(row);
                    System.out.println(row.line(null));
                }
            }
            rows.addAll(BenchNotes.againstPeak(measured, peak, Math.max(again, PeakFlops.measure(t)), System.out));
        }
        BenchNotes.ratios(rows, System.out);
        return rows;
    }

    /** The shapes through the Backend contract on a device; no peak is measured there, so peak is NaN. */
    private static List<BenchRow> onDevice(Device device, List<String> ops) {
        List<BenchRow> rows = new ArrayList<>();
        System.out.println("device: " + device + " (" + Backends.get(device).getClass().getSimpleName() + ")");
        for (String o : ops) {
            if (!DeviceWorkloads.OPS.contains(o)) continue;
            for (String pass : List.of("fwd", "fwdbwd")) {
                Workload w = DeviceWorkloads.create(o, pass, device);
                double ms = Timing.medianMillis(w);
                BenchRow row = new BenchRow(o, pass, 0, ms, w.flops() / ms / 1e6, Double.NaN);
                rows.add(row);
                System.out.println(row.line(device.toString()));
            }
        }
        return rows;
    }
}
