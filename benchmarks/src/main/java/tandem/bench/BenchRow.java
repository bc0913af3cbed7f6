package tandem.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * One row of the bench table: an op and pass on a thread count (0 on a device), its median time, GFLOP/s and fraction
 * of the measured peak (NaN where either is unknown), and for latency rows the 95th percentile (NaN elsewhere).
 */
record BenchRow(String op, String pass, int threads, double ms, double gflops, double peakFraction, double p95Ms) {
    /** A row without a 95th percentile. */
    BenchRow(String op, String pass, int threads, double ms, double gflops, double peakFraction) {
        this(op, pass, threads, ms, gflops, peakFraction, Double.NaN);
    }

    /** The machine-readable line printed as each row is measured. */
    String line(String device) {
        String where = device == null ? "threads=" + threads : "device=" + device;
        return String.format(Locale.ROOT, "bench op=%s pass=%s %s ms=%.3f gflops=%.1f peak=%s", op, pass, where, ms, gflops,
                Double.isNaN(peakFraction) ? "nan" : String.format(Locale.ROOT, "%.3f", peakFraction))
                + (Double.isNaN(p95Ms) ? "" : String.format(Locale.ROOT, " p95_ms=%.3f", p95Ms));
    }

    static void printTable(List<BenchRow> rows, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "%-26s %-7s %7s %12s %10s %8s %10s%n", "op", "pass", "threads", "median ms", "GFLOP/s", "of peak", "p95 ms");
        for (BenchRow r : rows) {
            // rows without a FLOP count (the training step) or without a measured peak (devices) show "-"
            String gflops = Double.isNaN(r.gflops) ? "-" : String.format(Locale.ROOT, "%.1f", r.gflops);
            String peak = Double.isNaN(r.peakFraction) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * r.peakFraction);
            String p95 = Double.isNaN(r.p95Ms) ? "-" : String.format(Locale.ROOT, "%.3f", r.p95Ms);
            out.printf(Locale.ROOT, "%-26s %-7s %7d %12.3f %10s %8s %10s%n", r.op, r.pass, r.threads, r.ms, gflops, peak, p95);
        }
    }

    static String toJson(List<BenchRow> rows) {
        StringBuilder s = new StringBuilder("[");
        for (BenchRow r : rows) {
            if (s.length() > 1) s.append(",\n ");
            s.append(String.format(Locale.ROOT,
                    "{\"op\":\"%s\",\"pass\":\"%s\",\"threads\":%d,\"ms\":%.4f,\"gflops\":%.2f,\"peak\":%.4f}",
                    r.op, r.pass, r.threads, r.ms, r.gflops, r.peakFraction));
            if (!Double.isNaN(r.p95Ms)) s.insert(s.length() - 1, String.format(Locale.ROOT, ",\"p95_ms\":%.4f", r.p95Ms));
        }
        return s.append("]").toString();
    }
}
