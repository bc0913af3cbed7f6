package tandem.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tandem.kernels.cpu.fast.Sgemm;
import tandem.tensor.Tandem;

/**
 * The BLAS rival computes what Tandem's GEMM computes (so their ratio compares like with like), the notes around the
 * table (ratios, the peak bound), and the tuning command's report; nothing here times anything.
 */
class RivalAndTuneTest {
    @ParameterizedTest(name = "transA={0} transB={1} threads={2}")
    @CsvSource({"false, false, 1", "false, true, 2", "true, false, 2"})
    void openBlasComputesWhatSgemmComputes(boolean transA, boolean transB, int threads) {
        assumeTrue(OpenBlasGemm.unavailable() == null, OpenBlasGemm.unavailable());
        Tandem.setNumThreads(threads);
        int m = 37, n = 45, k = 29;
        float[] a = Workloads.random((long) m * k, 1), b = Workloads.random((long) k * n, 2), c = new float[m * n];
        Sgemm.sgemm(transA, transB, m, n, k, 1f, a, 0, transA ? m : k, b, 0, transB ? k : n, 0f, c, 0, n);
        try (FloatPointer pa = new FloatPointer(a); FloatPointer pb = new FloatPointer(b); FloatPointer pc = new FloatPointer((long) m * n)) {
            OpenBlasGemm.sgemm(transA, transB, m, n, k, pa, pb, pc);
            float[] got = new float[m * n];
            pc.get(got);
            for (int i = 0; i < got.length; i++) assertEquals(c[i], got[i], 1e-4f * (1 + Math.abs(c[i])), "element " + i);
        }
    }

    @Test
    void ratiosPairEachGemmRowWithItsOpenBlasTwin() {
        List<BenchRow> rows = List.of(row("gemm", 1, 10, 200), row("gemm-openblas", 1, 9, 222), row("gemm", 2, 6, 330),
                row("conv3d-mid", 1, 30, 150));
        String out = capture(s -> BenchNotes.ratios(rows, s));
        assertEquals("tandem/openblas op=gemm pass=fwd threads=1 ratio=0.90 (200.0 vs 222.0 GFLOP/s)", out.strip());
    }

    @Test
    void theBetterPeakBoundsTheColumn() {
        List<BenchRow> rows = List.of(row("gemm", 1, 10, 180), row("conv3d-mid", 1, 10, 210));
        List<List<BenchRow>> fixed = new java.util.ArrayList<>();
        String out = capture(s -> fixed.add(BenchNotes.againstPeak(rows, 200, 205, s)));
        assertEquals(180 / 205.0, fixed.get(0).get(0).peakFraction(), 1e-12);
        assertEquals(210 / 205.0, fixed.get(0).get(1).peakFraction(), 1e-12, "a row above the better peak stays visible (the run warns)");
        assertTrue(out.contains("re-measured between the rows: 205.0"), out);
    }

    /** A forward row of {@code op} on {@code threads} threads whose median is {@code ms} at {@code gflops}. */
    private static BenchRow row(String op, int threads, double ms, double gflops) {
        return new BenchRow(op, "fwd", threads, null, new Timing.Sample(new double[] {ms}), gflops * ms * 1e6, Double.NaN, Double.NaN);
    }

    @Test
    void thePeakHeaderNamesWhatItAssumed() {
        String h = PeakFlops.header(100, 1);
        assertTrue(h.startsWith("peak: 100.0 GFLOP/s on 1 thread(s), best of 9 runs of 16 register-held FMA chains"), h);
        assertTrue(h.contains("nominal") || h.contains("clock unknown"), h);
    }

    @Test
    void tuneShowReportsTheDerivedShapesAndWhyWithoutTiming() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, new picocli.CommandLine(new TuneMain()).execute("--show"));
        } finally {
            System.setOut(saved);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("cpu: isa=") && out.contains("derived: gemm tile"), out);
        assertTrue(out.contains("vector registers") && out.contains("of L1d"), out);
        assertTrue(out.contains("tuning file") || out.contains("no tuning file"), out);
    }

    @Test
    void sixteenRegistersTimeNoTileThatMustSpill() {
        assertEquals(List.of(6, 8), List.copyOf(Tuner.tileRowsFor(16)));
        assertEquals(List.of(6, 8, 12), List.copyOf(Tuner.tileRowsFor(32)));
    }

    private static String capture(java.util.function.Consumer<PrintWriter> body) {
        StringWriter buf = new StringWriter();
        PrintWriter w = new PrintWriter(buf);
        body.accept(w);
        w.flush();
        return buf.toString();
    }
}
