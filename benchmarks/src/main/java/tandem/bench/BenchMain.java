package tandem.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tandem.tensor.Device;
import tandem.tensor.Tandem;

/**
 * A quick roofline table without JMH: every op of the model's benchmark shapes, forward and forward+backward, on 1
 * and 2 threads, as median milliseconds, GFLOP/s and fraction of the FMA peak measured in the same run.
 *
 * <p>Usage: {@code BenchMain [--op ID] [--threads N] [--json]}. Each row is also printed as one line
 * {@code bench op=<id> pass=<fwd|fwdbwd> threads=<n> ms=<median> gflops=<x> peak=<fraction>}; {@code --json} adds a
 * JSON array at the end. Ops: gemm (plus gemm-v1, the unblocked baseline, forward only) and the convolutions of
 * {@link ConvCase}. Not covered yet: attn-full, attn-windowed, se-classmap.
 */
public final class BenchMain {
    private static final double MIN_SECONDS = 1.0, WARMUP_SECONDS = 0.5;
    private static final int MIN_RUNS = 3, MAX_RUNS = 41, WARMUP_RUNS = 2;

    private BenchMain() {}

    record Row(String op, String pass, int threads, double ms, double gflops, double peakFraction) {}

    /** The shapes through the Backend contract on a device; no peak is measured there, so peak is NaN. */
    private static List<Row> onDevice(Device device, List<String> ops, boolean json) {
        List<Row> rows = new ArrayList<>();
        System.out.println("device: " + device + " (" + tandem.tensor.backend.Backends.get(device).getClass().getSimpleName() + ")");
        for (String op : ops) {
            if (!DeviceWorkloads.OPS.contains(op)) continue;
            for (String pass : List.of("fwd", "fwdbwd")) {
                Workload w = DeviceWorkloads.create(op, pass, device);
                double ms = medianMillis(w);
                Row row = new Row(op, pass, 0, ms, w.flops() / ms / 1e6, Double.NaN);
                rows.add(row);
                System.out.printf(Locale.ROOT, "bench op=%s pass=%s device=%s ms=%.3f gflops=%.1f peak=nan%n",
                        row.op, row.pass, device, row.ms, row.gflops);
            }
        }
        if (json) System.out.println(toJson(rows));
        return rows;
    }

    public static void main(String[] args) {
        List<String> ops = new ArrayList<>(List.of("gemm", "gemm-v1"));
        for (ConvCase c : ConvCase.ALL) ops.add(c.id());
        for (String f : Workloads.FUSED) {
            ops.add(f);
            ops.add(f + "-composite");
        }
        ops.add("train-step-tiny");
        ops.add("train-step-tiny-reference");
        List<Integer> threadCounts = List.of(1, 2);
        boolean json = false;
        Device device = Device.CPU;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--op" -> {
                    String op = value(args, ++i, "--op");
                    if (!ops.contains(op)) throw new IllegalArgumentException("--op: unknown op '" + op + "'; known: " + ops);
                    ops = List.of(op);
                }
                case "--threads" -> threadCounts = List.of(Integer.parseInt(value(args, ++i, "--threads")));
                case "--json" -> json = true;
                case "--device" -> device = Device.parse(value(args, ++i, "--device"));
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "'; usage: BenchMain [--op ID] [--threads N] [--device D] [--json]");
            }
        }
        if (!device.equals(Device.CPU)) {
            printTable(onDevice(device, ops, json));
            return;
        }
        List<Row> rows = new ArrayList<>();
        for (int threads : threadCounts) {
            double peak = PeakFlops.measure(threads);
            System.out.printf(Locale.ROOT, "peak: %.1f GFLOP/s on %d thread(s) (register-only FMA loop)%n", peak, threads);
            Tandem.setNumThreads(threads);
            for (String op : ops) {
                List<String> passes = op.equals("gemm-v1") ? List.of("fwd") : op.startsWith("train-step") ? List.of("fwdbwd") : List.of("fwd", "fwdbwd");
                for (String pass : passes) {
                    Workload w = op.equals("gemm-v1") ? Workloads.create("gemm", pass, "v1")
                            : op.equals("train-step-tiny-reference") ? Workloads.create("train-step-tiny", pass, "ref")
                            : op.endsWith("-composite") ? Workloads.create(op.substring(0, op.length() - "-composite".length()), pass, "composite")
                            : Workloads.create(op, pass, "fast");
                    double ms = medianMillis(w);
                    double gflops = w.flops() / ms / 1e6;
                    Row row = new Row(op, pass, threads, ms, gflops, gflops / peak);
                    rows.add(row);
                    System.out.printf(Locale.ROOT, "bench op=%s pass=%s threads=%d ms=%.3f gflops=%.1f peak=%.3f%n",
                            row.op, row.pass, row.threads, row.ms, row.gflops, row.peakFraction);
                }
            }
        }
        printTable(rows);
        if (json) System.out.println(toJson(rows));
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) throw new IllegalArgumentException(flag + " needs a value");
        return args[i];
    }

    /**
     * Warm up (at least WARMUP_RUNS and WARMUP_SECONDS, so small ops reach C2 before timing), then time runs until
     * both MIN_RUNS and MIN_SECONDS are reached (at most MAX_RUNS); the median.
     */
    static double medianMillis(Workload w) {
        float sink = 0;
        long warmStart = System.nanoTime();
        for (int i = 0; i < WARMUP_RUNS || System.nanoTime() - warmStart < WARMUP_SECONDS * 1e9; i++) sink += w.run();
        double[] times = new double[MAX_RUNS];
        int n = 0;
        long start = System.nanoTime();
        while (n < MAX_RUNS && (n < MIN_RUNS || System.nanoTime() - start < MIN_SECONDS * 1e9)) {
            long t0 = System.nanoTime();
            sink += w.run();
            times[n++] = (System.nanoTime() - t0) / 1e6;
        }
        if (Float.isNaN(sink) && sink == 0) throw new AssertionError("unreachable: keeps results alive");
        double[] t = Arrays.copyOf(times, n);
        Arrays.sort(t);
        return n % 2 == 1 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
    }

    private static void printTable(List<Row> rows) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-26s %-7s %7s %12s %10s %8s%n", "op", "pass", "threads", "median ms", "GFLOP/s", "of peak");
        for (Row r : rows) {
            // rows without a FLOP count (the training step) or without a measured peak (devices) show "-"
            String gflops = Double.isNaN(r.gflops) ? "-" : String.format(Locale.ROOT, "%.1f", r.gflops);
            String peak = Double.isNaN(r.peakFraction) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * r.peakFraction);
            System.out.printf(Locale.ROOT, "%-26s %-7s %7d %12.3f %10s %8s%n", r.op, r.pass, r.threads, r.ms, gflops, peak);
        }
    }

    static String toJson(List<Row> rows) {
        StringBuilder s = new StringBuilder("[");
        for (Row r : rows) {
            if (s.length() > 1) s.append(",\n ");
            s.append(String.format(Locale.ROOT,
                    "{\"op\":\"%s\",\"pass\":\"%s\",\"threads\":%d,\"ms\":%.4f,\"gflops\":%.2f,\"peak\":%.4f}",
                    r.op, r.pass, r.threads, r.ms, r.gflops, r.peakFraction));
        }
        return s.append("]").toString();
    }
}
