package tandem.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * One row of the bench table: an op and pass on a thread count (0 on a device), its median time, GFLOP/s, GB/s of
 * compulsory traffic, fraction of the measured peak, and for latency rows the 95th percentile. NaN where one is
 * unknown: GB/s on the CPU rows, the peak on devices, the 95th percentile outside latency rows.
 */
record BenchRow(String op, String pass, int threads, double ms, double gflops, double gbps, double peakFraction, double p95Ms) {
    /** A kernel row on the CPU: no byte count, no 95th percentile. */
    BenchRow(String op, String pass, int threads, double ms, double gflops, double peakFraction) {
        this(op, pass, threads, ms, gflops, Double.NaN, peakFraction, Double.NaN);
    }

    /** The machine-readable line printed as each row is measured. */
    String line(String device) {
        String where = device == null ? "threads=" + threads : "device=" + device;
        return String.format(Locale.ROOT, "bench op=%s pass=%s %s ms=%.3f gflops=%.1f gbps=%s peak=%s", op, pass, where, ms,
                gflops, orNan(gbps, "%.2f"), orNan(peakFraction, "%.3f"))
                + (Double.isNaN(p95Ms) ? "" : String.format(Locale.ROOT, " p95_ms=%.3f", p95Ms));
    }

    static void printTable(List<BenchRow> rows, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "%-26s %-7s %7s %12s %10s %8s %8s %10s%n", "op", "pass", "threads", "median ms", "GFLOP/s", "GB/s",
                "of peak", "p95 ms");
        for (BenchRow r : rows) {
            // rows without a FLOP count (the training step), a byte count (CPU rows), a measured peak (devices) or a
            // 95th percentile (kernels) show "-"
            out.printf(Locale.ROOT, "%-26s %-7s %7d %12.3f %10s %8s %8s %10s%n", r.op, r.pass, r.threads, r.ms, dash(r.gflops, "%.1f"),
                    dash(r.gbps, "%.2f"), Double.isNaN(r.peakFraction) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * r.peakFraction),
                    dash(r.p95Ms, "%.3f"));
        }
    }

    static String toJson(List<BenchRow> rows) {
        StringBuilder s = new StringBuilder("[");
        for (BenchRow r : rows) {
            if (s.length() > 1) s.append(",\n ");
            s.append(String.format(Locale.ROOT,
                    "{\"op\":\"%s\",\"pass\":\"%s\",\"threads\":%d,\"ms\":%.4f,\"gflops\":%s,\"gbps\":%s,\"peak\":%s",
                    r.op, r.pass, r.threads, r.ms, json(r.gflops, "%.2f"), json(r.gbps, "%.3f"), json(r.peakFraction, "%.4f")));
            if (!Double.isNaN(r.p95Ms)) s.append(String.format(Locale.ROOT, ",\"p95_ms\":%.4f", r.p95Ms));
            s.append('}');
        }
        return s.append("]").toString();
    }

    private static String orNan(double v, String format) {
        return Double.isNaN(v) ? "nan" : String.format(Locale.ROOT, format, v);
    }

    private static String dash(double v, String format) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v);
    }

    // JSON has no NaN: an unknown number is null
    private static String json(double v, String format) {
        return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, format, v);
    }
}
