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
import tandem.emotion.cli.TandemVersion;
import tandem.tensor.Device;
import tandem.tensor.Tandem;
import tandem.tensor.backend.Backends;

/**
 * {@code ./tandem bench}: a quick roofline table without JMH. On the CPU: every op of the model's benchmark shapes,
 * forward and forward+backward, on 1 and 2 threads, as median milliseconds, GFLOP/s and fraction of the FMA peak
 * measured in the same run. On a device ({@code --device opencl|cuda}): GEMM, every convolution with the v2 and v1
 * kernels, the fused ops beside their composites, as median milliseconds, GFLOP/s and GB/s ({@link DeviceWorkloads}).
 * Each row is also printed as one line
 * {@code bench op=<id> pass=<fwd|fwdbwd> threads=<n>|device=<d> ms=<median> gflops=<x> gbps=<y> peak=<fraction>};
 * {@code --json} adds a JSON array at the end.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = TandemVersion.class, sortOptions = false,
        description = "Kernel benchmarks: median time, GFLOP/s and fraction of the FMA peak measured in the same run.")
public final class BenchMain implements Callable<Integer> {
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

    @Option(names = "--json", description = "also print the rows as one JSON array")
    boolean json;

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
        if (threads != null && threads < 1) throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        if (pass != null && !pass.equals("fwd") && !pass.equals("fwdbwd")) {
            throw new IllegalArgumentException("--pass must be fwd or fwdbwd, got '" + pass + "'");
        }
        Device d = Device.parse(device);
        boolean onDevice = !d.equals(Device.CPU);
        List<String> ops = op == null ? (onDevice ? DeviceWorkloads.OPS : BenchOps.FULL_TABLE) : new ArrayList<>();
        if (op != null) for (String o : op) ops.addAll(BenchOps.select(o, onDevice));
        List<BenchRow> rows = onDevice ? onDevice(d, ops) : onCpu(ops);
        BenchRow.printTable(rows, System.out);
        if (json) System.out.println(BenchRow.toJson(rows));
        return 0;
    }

    private List<BenchRow> onCpu(List<String> ops) {
        List<BenchRow> rows = new ArrayList<>();
        for (int t : threads == null ? List.of(1, 2) : List.of(threads)) {
            double peak = PeakFlops.measure(t);
            System.out.printf(Locale.ROOT, "peak: %.1f GFLOP/s on %d thread(s) (register-only FMA loop)%n", peak, t);
            Tandem.setNumThreads(t);
            for (String o : ops) {
                for (String p : BenchOps.passes(o)) {
                    if (pass != null && !pass.equals(p)) continue;
                    Workload w = BenchOps.workload(o, p);
                    Timing.Policy policy = BenchOps.timing(o);
                    Timing.Result time = Timing.measure(w, policy);
                    double gflops = w.flops() / time.medianMillis() / 1e6;
                    BenchRow row = new BenchRow(o, p, t, time.medianMillis(), gflops, Double.NaN, gflops / peak,
                            policy == Timing.LATENCY ? time.p95Millis() : Double.NaN);
                    rows.add(row);
                    System.out.println(row.line(null));
                }
            }
        }
        return rows;
    }

    /** The device rows ({@link DeviceWorkloads}); no peak is measured there, so peak is NaN. */
    private List<BenchRow> onDevice(Device device, List<String> ops) {
        List<BenchRow> rows = new ArrayList<>();
        System.out.println("device: " + device + " (" + Backends.get(device) + ")");
        for (String o : ops) {
            for (String p : pass == null ? List.of("fwd", "fwdbwd") : List.of(pass)) {
                Workload w = DeviceWorkloads.create(o, p, device);
                double ms = Timing.measure(w, Timing.DEVICE).medianMillis();
                BenchRow row = new BenchRow(o, p, 0, ms, w.flops() / ms / 1e6, w.bytes() / ms / 1e6, Double.NaN, Double.NaN);
                rows.add(row);
                System.out.println(row.line(device.toString()));
            }
        }
        return rows;
    }
}
