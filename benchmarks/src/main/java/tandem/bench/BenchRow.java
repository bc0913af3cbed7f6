package tandem.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * One row of the bench table: an op and pass on a thread count (0 on a device), the times of its repeats, its work
 * (FLOPs and bytes, NaN where not counted) and the peak measured before the row's thread count (NaN on a device).
 */
record BenchRow(String op, String pass, int threads, String device, Timing.Sample time, double flops, double bytes, double peak) {
    double ms() { return time.median(); }

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
                ms(), time.spread(), gflops(), gbPerSecond(), Double.isNaN(peakFraction()) ? "nan" : String.format(Locale.ROOT, "%.3f", peakFraction()));
    }

    static void printTable(List<BenchRow> rows, PrintWriter out) {
        out.println();
        out.printf(Locale.ROOT, "%-26s %-7s %7s %12s %7s %10s %9s %8s %8s%n", "op", "pass", "threads", "median ms", "spread",
                "GFLOP/s", "GB/s", "FLOP/B", "of peak");
        for (BenchRow r : rows) {
            // rows without a FLOP count or without a measured peak (devices) show "-"
            String peak = Double.isNaN(r.peakFraction()) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * r.peakFraction());
            out.printf(Locale.ROOT, "%-26s %-7s %7s %12.3f %6.1f%% %10s %9s %8s %8s%n", r.op, r.pass, r.device == null ? r.threads : r.device,
                    r.ms(), 100 * r.time.spread(), fmt(r.gflops(), 1), fmt(r.gbPerSecond(), 2), fmt(r.intensity(), 1), peak);
        }
    }

    private static String fmt(double v, int decimals) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
