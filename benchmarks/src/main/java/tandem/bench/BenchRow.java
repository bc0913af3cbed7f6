package tandem.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * One row of the bench table: an op and pass on a thread count (0 on a device), the times of its repeats, its work
 * (FLOPs and bytes, NaN where not counted) and the peak measured before the row's thread count (NaN on a device).
 * Latency rows (a window of {@code ./tandem live}) also report their 95th percentile.
 */
record BenchRow(String op, String pass, int threads, String device, Timing.Sample time, double flops, double bytes, double peak,
                boolean latency) {
    /** A kernel row: its median is what it reports. */
    BenchRow(String op, String pass, int threads, String device, Timing.Sample time, double flops, double bytes, double peak) {
        this(op, pass, threads, device, time, flops, bytes, peak, false);
    }

    double ms() { return time.median(); }

    /** The 95th percentile of a latency row; NaN on kernel rows. */
    double p95() { return latency ? time.quantile(0.95) : Double.NaN; }

    double gflops() { return flops / ms() / 1e6; }

    double gbPerSecond() { return bytes / ms() / 1e6; }

    /** Arithmetic intensity, FLOPs per byte. */
    double intensity() { return flops / bytes; }

    double peakFraction() { return gflops() / peak; }

    /** The row's identity across runs: what {@code bench compare} matches. */
    String key() { return op + " " + pass + " " + (device == null ? "t" + threads : device); }

    /** The machine-readable line printed as each row is measured. */
    String line() {
        String where = device == null ? "threads=" + threads : "device=" + device;
        return String.format(Locale.ROOT, "bench op=%s pass=%s %s ms=%.3f spread=%.3f gflops=%.1f gbs=%.2f peak=%s", op, pass, where,
                ms(), time.spread(), gflops(), gbPerSecond(), Double.isNaN(peakFraction()) ? "nan" : String.format(Locale.ROOT, "%.3f", peakFraction()))
                + (latency ? String.format(Locale.ROOT, " p95_ms=%.3f", p95()) : "");
    }

    static void printTable(List<BenchRow> rows, PrintWriter out) {
        boolean latencies = rows.stream().anyMatch(BenchRow::latency);
        out.println();
        out.printf(Locale.ROOT, "%-26s %-7s %7s %12s %7s %10s %9s %8s %8s%s%n", "op", "pass", "threads", "median ms", "spread",
                "GFLOP/s", "GB/s", "FLOP/B", "of peak", latencies ? String.format(Locale.ROOT, " %10s", "p95 ms") : "");
        for (BenchRow r : rows) {
            // rows without a FLOP count, a byte count or a measured peak (devices) show "-"
            String peak = Double.isNaN(r.peakFraction()) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * r.peakFraction());
            out.printf(Locale.ROOT, "%-26s %-7s %7s %12.3f %6.1f%% %10s %9s %8s %8s%s%n", r.op, r.pass, r.device == null ? r.threads : r.device,
                    r.ms(), 100 * r.time.spread(), fmt(r.gflops(), 1), fmt(r.gbPerSecond(), 2), fmt(r.intensity(), 1), peak,
                    latencies ? String.format(Locale.ROOT, " %10s", fmt(r.p95(), 3)) : "");
        }
    }

    private static String fmt(double v, int decimals) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
