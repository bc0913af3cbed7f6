package tandem.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import tandem.kernels.cpu.fast.CpuFeatures;
import tandem.kernels.cpu.fast.FastConv;
import tandem.kernels.cpu.fast.GemmShape;
import tandem.kernels.cpu.fast.KernelShapes;
import tandem.kernels.cpu.fast.Sgemm;
import tandem.kernels.cpu.fast.StridedMatrix;
import tandem.tensor.memory.BufferPool;

/**
 * Measures kernel shapes around the derived ones and keeps the fastest: one decision at a time (coordinate descent),
 * first the GEMM tile height, then KC, MC and NC, then the direct convolutions' tile width. A GEMM candidate is scored
 * by the geometric mean of its GFLOP/s on the square 1024^3 product and on one image of conv3d-mid (which runs on the
 * same GEMM); a direct-convolution candidate by one image of conv3d-stem, forward and backward. Candidates of one
 * decision are timed in interleaved rounds (each once per round, the median per candidate), so a burst of load on a
 * shared machine hits them alike; a challenger must beat the incumbent by {@value #MARGIN_PERCENT}% to replace it.
 */
final class Tuner {
    static final int MARGIN_PERCENT = 2;
    private static final int ROUNDS = 7;

    private final PrintStream out;
    private final List<String> notes = new ArrayList<>();

    Tuner(PrintStream out) { this.out = out; }

    /** What each decision chose and why, for the tuning file's comments. */
    List<String> notes() { return notes; }

    KernelShapes tune(KernelShapes start) {
        GemmShape derived = start.gemm();
        List<GemmShape> tiles = new ArrayList<>();
        for (int r : tileRowsFor(CpuFeatures.host().vectorRegisters())) tiles.add(withRows(derived, r));
        GemmShape g = decide("gemm tile rows", derived, distinct(tiles), this::gemmScore);
        g = decide("gemm kc", g, distinct(List.of(g, withKc(g, g.kc() / 2), withKc(g, g.kc() * 2))), this::gemmScore);
        g = decide("gemm mc", g, distinct(List.of(g, withMc(g, g.mc() / 2), withMc(g, g.mc() * 2))), this::gemmScore);
        g = decide("gemm nc", g, distinct(List.of(g, withNc(g, g.nc() / 2), withNc(g, g.nc() * 2))), this::gemmScore);
        KernelShapes incumbent = new KernelShapes(g, start.directVectors(), "tuned");
        KernelShapes best = decide("direct convolution tile", incumbent,
                List.of(incumbent, new KernelShapes(g, 6 - start.directVectors(), "tuned")), this::stemScore);
        return best;
    }

    private static GemmShape withRows(GemmShape g, int mr) {
        return new GemmShape(mr, g.kc(), Math.max(mr, g.mc() / mr * mr), g.nc());
    }

    private static GemmShape withMc(GemmShape g, int mc) {
        return new GemmShape(g.mr(), g.kc(), Math.max(g.mr(), mc / g.mr() * g.mr()), g.nc());
    }

    private static GemmShape withKc(GemmShape g, int kc) { return new GemmShape(g.mr(), Math.max(32, Math.min(2048, kc)), g.mc(), g.nc()); }

    private static GemmShape withNc(GemmShape g, int nc) { return new GemmShape(g.mr(), g.kc(), g.mc(), Math.max(Sgemm.NR, nc)); }

    private static <T> List<T> distinct(List<T> xs) { return List.copyOf(new LinkedHashSet<>(xs)); }

    /** Times every candidate in interleaved rounds; keeps the incumbent unless a candidate is clearly faster. */
    private <T> T decide(String what, T incumbent, List<T> candidates, Function<T, Runnable> work) {
        List<Runnable> runs = candidates.stream().map(work).toList();
        double[][] seconds = new double[candidates.size()][ROUNDS];
        for (Runnable r : runs) { r.run(); r.run(); } // warm-up: compiled and caches primed for each
        for (int round = 0; round < ROUNDS; round++) {
            for (int c = 0; c < runs.size(); c++) {
                long t0 = System.nanoTime();
                runs.get(c).run();
                seconds[c][round] = (System.nanoTime() - t0) / 1e9;
            }
        }
        int inc = candidates.indexOf(incumbent), best = inc;
        double[] median = new double[candidates.size()];
        for (int c = 0; c < candidates.size(); c++) {
            Arrays.sort(seconds[c]);
            median[c] = seconds[c][ROUNDS / 2];
            out.printf(Locale.ROOT, "  %-24s %-48s %9.3f ms%n", what, candidates.get(c), median[c] * 1e3);
        }
        for (int c = 0; c < candidates.size(); c++) {
            if (median[c] * (1 + MARGIN_PERCENT / 100.0) < median[best]) best = c;
        }
        String why = best == inc
                ? String.format(Locale.ROOT, "%s: kept %s (no candidate beat it by %d%%)", what, incumbent, MARGIN_PERCENT)
                : String.format(Locale.ROOT, "%s: %s, %.2fx faster than %s", what, candidates.get(best), median[inc] / median[best], incumbent);
        out.println("  -> " + why);
        notes.add(why);
        return candidates.get(best);
    }

    // one 1024^3 product and one image of conv3d-mid's forward (padded rows, on the GEMM) with this blocking
    private Runnable gemmScore(GemmShape g) {
        int n = Workloads.GEMM_N;
        float[] a = Workloads.random((long) n * n, 1), b = Workloads.random((long) n * n, 2), c = new float[n * n];
        ConvCase mid = ConvCase.byId("conv3d-mid");
        int[] xs = mid.x().clone();
        xs[0] = 1;
        float[] x = Workloads.random(tandem.tensor.Shape.numel(xs), 4), w = Workloads.random(tandem.tensor.Shape.numel(mid.w()), 5);
        KernelShapes shapes = new KernelShapes(g, KernelShapes.active().directVectors(), "candidate");
        int threads = tandem.tensor.Tandem.numThreads();
        return () -> {
            Sgemm.gemm(g, n, n, n, StridedMatrix.of(a, 0, n, false), StridedMatrix.of(b, 0, n, false), 1f, 0f, c, 0, n, threads);
            BufferPool.global().give(FastConv.forward(shapes, x, xs, w, mid.w(), mid.spec()));
        };
    }

    // one image of conv3d-stem, forward, backward-data and backward-weight
    private Runnable stemScore(KernelShapes s) {
        ConvCase stem = ConvCase.byId("conv3d-stem");
        int[] xs = stem.x().clone();
        xs[0] = 1;
        int[] ys = stem.spec().outputShape("conv3d", xs, stem.w());
        float[] x = Workloads.random(tandem.tensor.Shape.numel(xs), 4), w = Workloads.random(tandem.tensor.Shape.numel(stem.w()), 5);
        float[] dy = Workloads.random(tandem.tensor.Shape.numel(ys), 6);
        BufferPool pool = BufferPool.global();
        return () -> {
            pool.give(FastConv.forward(s, x, xs, w, stem.w(), stem.spec()));
            pool.give(FastConv.backwardData(s, dy, ys, w, stem.w(), stem.spec(), xs));
            pool.give(FastConv.backwardWeight(s, x, xs, dy, ys, stem.spec(), stem.w()));
        };
    }

    /** The tile heights worth timing: 12 rows would spill on 16 registers; 8 may, and is measured to show it. */
    static Set<Integer> tileRowsFor(int registers) {
        Set<Integer> s = new LinkedHashSet<>();
        for (int r : registers >= 32 ? GemmShape.TILE_ROWS : new int[] {6, 8}) s.add(r);
        return s;
    }
}
