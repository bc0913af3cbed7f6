package tandem.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tandem.kernels.cpu.fast.CpuFeatures;
import tandem.kernels.cpu.fast.KernelShapes;

/**
 * The lines around a CPU bench table: what machine the kernels assumed (ISA, lanes, registers, caches, shapes), the
 * BLAS rival, and Tandem's GEMM against OpenBLAS per shape, pass and thread count.
 */
final class BenchNotes {
    private BenchNotes() {}

    static void header(PrintWriter out) {
        out.println("cpu: " + CpuFeatures.host().describe());
        out.println("kernel shapes: " + KernelShapes.active());
        out.println("rival: " + OpenBlasGemm.describe());
    }

    /**
     * The rows of one thread count against the better of the peak measured before them and the best measured between
     * and after them, so a peak run disturbed by the rest of the machine does not inflate the "of peak" column.
     */
    static List<BenchRow> againstPeak(List<BenchRow> rows, double before, double after, PrintWriter out) {
        double peak = Math.max(before, after);
        if (after > before) out.printf(Locale.ROOT, "peak re-measured between the rows: %.1f GFLOP/s, used for the table%n", after);
        List<BenchRow> fixed = new ArrayList<>();
        for (BenchRow r : rows) {
            fixed.add(new BenchRow(r.op(), r.pass(), r.threads(), r.device(), r.time(), r.flops(), r.bytes(), peak, r.latency()));
        }
        return fixed;
    }

    /** One line per GEMM row that has an OpenBLAS twin: {@code tandem/openblas op=... pass=... threads=... ratio=...}. */
    static void ratios(List<BenchRow> rows, PrintWriter out) {
        for (BenchRow r : rows) {
            if (r.op().endsWith(BenchOps.OPENBLAS)) continue;
            for (BenchRow o : rows) {
                if (o.op().equals(r.op() + BenchOps.OPENBLAS) && o.pass().equals(r.pass()) && o.threads() == r.threads()) {
                    out.printf(Locale.ROOT, "tandem/openblas op=%s pass=%s threads=%d ratio=%.2f (%.1f vs %.1f GFLOP/s)%n",
                            r.op(), r.pass(), r.threads(), o.ms() / r.ms(), r.gflops(), o.gflops());
                }
            }
        }
    }
}
