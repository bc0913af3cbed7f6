package tandem.kernels.cpu.fast;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tandem.kernels.cpu.Checks;
import tandem.kernels.cpu.CpuBackend;
import tandem.tensor.DType;
import tandem.tensor.Tensor;
import tandem.tensor.backend.Backend;
import tandem.tensor.backend.FusedOp;
import tandem.tensor.backend.FusedShapes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tandem.kernels.cpu.Checks.assertClose;

/**
 * The fused windowed-attention kernels (v1 in double, v2 on the Vector API in F32, and the backend's routing) against
 * {@link NaiveWindowAttention}: forward directly, the F64 backward by central differences of the naive loop, and the
 * F32 backward against the F64 one. (The composite autograd builds where a backend lacks the kernel is tested in
 * autograd's WindowedAttentionTest.)
 * Tolerances: F64 paths agree to 1e-12 (atol and rtol); F32 paths to atol 3e-5 + rtol 1e-4 of the F64 result on the
 * same (F32-rounded) inputs, the rounding of dot products of length <= 64 over values in [-1, 1].
 */
class WindowAttentionKernelTest {
    static final double F64_TOL = 1e-12, F32_ATOL = 3e-5, F32_RTOL = 1e-4;
    static final Backend CPU = new CpuBackend();

    /** (B, Tq, Tk, D, Dv, W): ones, primes, Tq != Tk both ways, uneven windows, W = min(Tq, Tk), the benchmark shapes. */
    static final int[][] CASES = {
        {1, 1, 1, 1, 1, 1}, {2, 7, 11, 5, 3, 3}, {3, 13, 5, 17, 19, 5}, {2, 11, 7, 16, 16, 2}, {1, 5, 5, 3, 2, 5},
        {2, 30, 30, 64, 64, 1}, {2, 16, 208, 64, 64, 4},
    };

    record Inputs(Tensor q, Tensor k, Tensor v, int windows, double scale, NaiveWindowAttention naive) {
        Inputs to(DType t) { return new Inputs(q.to(t), k.to(t), v.to(t), windows, scale, naive); }

        // the inputs after F32 rounding, in F64: what an F32 kernel is judged against
        Inputs rounded() { return to(DType.F32).to(DType.F64); }
    }

    static Inputs inputs(int[] c, long seed) {
        int b = c[0], tq = c[1], tk = c[2], d = c[3], dv = c[4];
        double scale = 1 / Math.sqrt(d);
        return new Inputs(Tensor.of(Checks.random(seed, b * tq * d), b, tq, d), Tensor.of(Checks.random(seed + 1, b * tk * d), b, tk, d),
                Tensor.of(Checks.random(seed + 2, b * tk * dv), b, tk, dv), c[5], scale, new NaiveWindowAttention(b, tq, tk, d, dv, c[5], scale));
    }

    static String name(int[] c) { return "case " + Checks.str(c); }

    @Test
    void windowBoundsAreFloorOfTheFraction() {
        var d = FusedShapes.checkWindowAttention("t", Tensor.zeros(1, 7, 2), Tensor.zeros(1, 10, 2), Tensor.zeros(1, 10, 2), 3);
        int[] qStarts = {d.queryStart(0), d.queryStart(1), d.queryStart(2), d.queryStart(3)};
        int[] kStarts = {d.keyStart(0), d.keyStart(1), d.keyStart(2), d.keyStart(3)};
        assertArrayEquals(new int[] {0, 2, 4, 7}, qStarts);
        assertArrayEquals(new int[] {0, 3, 6, 10}, kStarts);
    }

    @Test
    void forwardOfEveryPathMatchesTheNaiveLoop() {
        for (int[] c : CASES) {
            Inputs in = inputs(c, 10 + c[1]);
            double[] q = in.q.toDoubleArray(), k = in.k.toDoubleArray(), v = in.v.toDoubleArray();
            double[] out = in.naive.out(q, k, v), lse = in.naive.logSumExp(q, k);
            for (var path : f64Paths()) {
                Tensor[] r = path.apply(in);
                assertArrayEquals(new int[] {c[0], c[1], c[4]}, r[0].shape(), name(c));
                assertArrayEquals(new int[] {c[0], c[1]}, r[1].shape(), name(c));
                assertClose(out, r[0].toDoubleArray(), F64_TOL, F64_TOL, name(c) + " out");
                assertClose(lse, r[1].toDoubleArray(), F64_TOL, F64_TOL, name(c) + " logsumexp");
            }
            Inputs r32 = in.rounded();
            double[] out32 = in.naive.out(r32.q.toDoubleArray(), r32.k.toDoubleArray(), r32.v.toDoubleArray());
            for (Tensor[] r : new Tensor[][] {WindowAttentionF32.forward(in.to(DType.F32).q, in.to(DType.F32).k, in.to(DType.F32).v, in.windows, in.scale),
                                              forwardOnBackend(in.to(DType.F32))}) {
                assertEquals(DType.F32, r[0].dtype(), name(c));
                assertClose(out32, r[0].toDoubleArray(), F32_ATOL, F32_RTOL, name(c) + " F32 out");
            }
        }
    }

    @Test
    void oneWindowIsPlainScaledDotProductAttention() {
        Inputs in = inputs(new int[] {3, 9, 6, 8, 5, 1}, 3);
        Tensor plain = in.q.matmul(in.k.transpose(1, 2)).mul(in.scale).softmax(2).matmul(in.v);
        assertClose(plain.toDoubleArray(), forwardOnBackend(in)[0].toDoubleArray(), F64_TOL, F64_TOL, "W=1 F64");
        Inputs f = in.to(DType.F32);
        assertClose(plain.toDoubleArray(), forwardOnBackend(f)[0].toDoubleArray(), F32_ATOL, F32_RTOL, "W=1 F32");
    }

    @Test
    void backwardOfTheF64KernelMatchesCentralDifferencesOfTheNaiveLoop() {
        for (int[] c : new int[][] {{1, 1, 1, 1, 1, 1}, {2, 7, 5, 3, 4, 2}, {1, 5, 8, 2, 3, 5}}) {
            Inputs in = inputs(c, 40 + c[1]);
            double[] q = in.q.toDoubleArray(), k = in.k.toDoubleArray(), v = in.v.toDoubleArray();
            double[] seed = Checks.random(99, c[0] * c[1] * c[4]);
            Tensor g = Tensor.of(seed, c[0], c[1], c[4]);
            Tensor[] f = WindowAttentionF64.forward(in.q, in.k, in.v, in.windows, in.scale);
            Tensor[] grads = WindowAttentionF64.backward(in.q, in.k, in.v, f[0], f[1], g, in.windows, in.scale);
            double[][] at = {q, k, v};
            for (int x = 0; x < 3; x++) {
                final int which = x;
                Function<double[], Double> objective = moved -> Checks.dot(seed, in.naive.out(which == 0 ? moved : q, which == 1 ? moved : k, which == 2 ? moved : v));
                double[] numeric = Checks.numericGradient(objective, at[x].clone(), 1e-6);
                assertClose(numeric, grads[x].toDoubleArray(), 1e-8, 1e-6, name(c) + " gradient of input " + "qkv".charAt(x));
            }
        }
    }

    @Test
    void backwardOfEveryPathMatchesTheF64Kernel() {
        for (int[] c : CASES) {
            Inputs in = inputs(c, 70 + c[2]);
            Tensor g = Tensor.of(Checks.random(5, c[0] * c[1] * c[4]), c[0], c[1], c[4]);
            Tensor[] f = WindowAttentionF64.forward(in.q, in.k, in.v, in.windows, in.scale);
            Tensor[] ref = WindowAttentionF64.backward(in.q, in.k, in.v, f[0], f[1], g, in.windows, in.scale);
            assertGradients(ref, CPU.windowAttentionBackward(in.q, in.k, in.v, f[0], f[1], g, in.windows, in.scale), F64_TOL, F64_TOL, name(c) + " backend F64");

            Inputs r = in.rounded();
            Tensor g32 = g.to(DType.F32);
            Tensor[] f64 = WindowAttentionF64.forward(r.q, r.k, r.v, in.windows, in.scale);
            Tensor[] ref32 = WindowAttentionF64.backward(r.q, r.k, r.v, f64[0], f64[1], g32.to(DType.F64), in.windows, in.scale);
            Inputs s = in.to(DType.F32);
            Tensor[] f32 = WindowAttentionF32.forward(s.q, s.k, s.v, in.windows, in.scale);
            assertGradients(ref32, WindowAttentionF32.backward(s.q, s.k, s.v, f32[0], f32[1], g32, in.windows, in.scale), F32_ATOL, F32_RTOL, name(c) + " F32 kernel");
        }
    }

    @Test
    void weightsAreTheWindowedSoftmaxAndReproduceTheOutput() {
        for (int[] c : CASES) {
            Inputs in = inputs(c, 20 + c[3]);
            double[] naive = in.naive.weights(in.q.toDoubleArray(), in.k.toDoubleArray());
            Tensor w = CPU.windowAttentionWeights(in.q, in.k, in.windows, in.scale);
            assertArrayEquals(new int[] {c[0], c[1], c[2]}, w.shape(), name(c));
            assertClose(naive, w.toDoubleArray(), F64_TOL, F64_TOL, name(c) + " fused weights");
            Tensor rowSums = w.sum(false, 2);
            assertClose(new double[c[0] * c[1]], rowSums.add(-1).toDoubleArray(), 1e-12, 0, name(c) + " rows sum to 1");
            assertClose(w.matmul(in.v).toDoubleArray(), forwardOnBackend(in)[0].toDoubleArray(), F64_TOL, F64_TOL, name(c) + " weights @ v");
            int[] range = in.naive.keyRange(c[1] - 1);
            for (int j = 0; j < range[0]; j++) assertEquals(0.0, w.get(0, c[1] - 1, j), name(c) + " outside the last window");
        }
    }

    @Test
    void nonContiguousInputsGiveTheSameResultAsTheirContiguousCopies() {
        // q: a transposed (B, D, Tq) tensor; k: every other row of a longer sequence; v: a narrowed last axis
        Tensor qT = Tensor.of(Checks.random(1, 2 * 6 * 9), 2, 6, 9), kLong = Tensor.of(Checks.random(2, 2 * 14 * 6), 2, 14, 6);
        Tensor vWide = Tensor.of(Checks.random(3, 2 * 7 * 8), 2, 7, 8);
        Tensor q = qT.transpose(1, 2), k = kLong.slice(1, 0, 14, 2), v = vWide.narrow(2, 3, 4);
        assertTrue(!q.isContiguous() && !k.isContiguous() && !v.isContiguous());
        Tensor qc = Checks.materialise(q), kc = Checks.materialise(k), vc = Checks.materialise(v);
        Tensor g = Tensor.of(Checks.random(4, 2 * 9 * 4), 2, 9, 4);
        for (DType t : DType.values()) {
            Tensor[] a = CPU.windowAttentionForward(q.to(t), k.to(t), v.to(t), 3, 0.4);
            Tensor[] b = CPU.windowAttentionForward(qc.to(t), kc.to(t), vc.to(t), 3, 0.4);
            assertClose(b[0].toDoubleArray(), a[0].toDoubleArray(), 0, 0, t + " out");
            Tensor[] ga = CPU.windowAttentionBackward(q.to(t), k.to(t), v.to(t), a[0], a[1], g.to(t), 3, 0.4);
            Tensor[] gb = CPU.windowAttentionBackward(qc.to(t), kc.to(t), vc.to(t), b[0], b[1], g.to(t), 3, 0.4);
            assertGradients(gb, ga, 0, 0, t + " gradients");
        }
    }

    @Test
    void badShapesAndWindowCountsNameTheOpAndTheShapes() {
        Tensor q = Tensor.zeros(2, 5, 4), k = Tensor.zeros(2, 3, 4), v = Tensor.zeros(2, 3, 6);
        for (Backend be : new Backend[] {CPU}) {
            String who = "fused";
            expect(() -> be.windowAttentionForward(q, k, v, 4, 1), who, "window_attention", "windows", "min(Tq, Tk) = 3", "[2, 5, 4]", "[2, 3, 4]");
            expect(() -> be.windowAttentionForward(q, k, v, 0, 1), who, "window_attention", "got 0");
            expect(() -> be.windowAttentionForward(q, Tensor.zeros(2, 3, 5), v, 1, 1), who, "window_attention", "[2, 3, 5]", "do not fit");
            expect(() -> be.windowAttentionForward(q, k, Tensor.zeros(2, 4, 6), 1, 1), who, "window_attention", "[2, 4, 6]", "do not fit");
            expect(() -> be.windowAttentionForward(Tensor.zeros(5, 4), k, v, 1, 1), who, "window_attention", "rank 3", "[5, 4]");
            expect(() -> be.windowAttentionForward(q, k.to(DType.F64), v, 1, 1), who, "window_attention", "dtypes differ");
            Tensor[] f = be.windowAttentionForward(q, k, v, 2, 1);
            expect(() -> be.windowAttentionBackward(q, k, v, f[0], f[1], Tensor.zeros(2, 5, 4), 2, 1), who, "window_attention_bwd", "dOut", "[2, 5, 4]", "[2, 5, 6]");
            expect(() -> be.windowAttentionBackward(q, k, v, f[0], Tensor.zeros(2, 4), f[0], 2, 1), who, "window_attention_bwd", "logsumexp", "[2, 4]");
            expect(() -> be.windowAttentionWeights(q, k, 5, 1), who, "window_attention_weights", "windows");
        }
    }

    @Test
    void aBackendWithoutTheKernelSaysSoAndNamesTheCapability() {
        Backend without = new PrimitivesOnlyBackend();
        Tensor q = Tensor.zeros(1, 2, 2);
        assertTrue(CPU.hasFused(FusedOp.WINDOW_ATTENTION) && !without.hasFused(FusedOp.WINDOW_ATTENTION));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> without.windowAttentionForward(q, q, q, 1, 1));
        for (String f : new String[] {"window_attention", "cpu", "WINDOW_ATTENTION", "compose"}) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    static void expect(Runnable call, String who, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run, who);
        for (String f : fragments) assertTrue(e.getMessage().contains(f), who + ": message '" + e.getMessage() + "' lacks '" + f + "'");
    }

    static void assertGradients(Tensor[] expected, Tensor[] actual, double atol, double rtol, String what) {
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(expected[i].shape(), actual[i].shape(), what + " d" + "qkv".charAt(i) + " shape");
            assertClose(expected[i].toDoubleArray(), actual[i].toDoubleArray(), atol, rtol, what + " d" + "qkv".charAt(i));
        }
    }

    static Tensor[] forwardOnBackend(Inputs in) {
        return in.q.backend().windowAttentionForward(in.q, in.k, in.v, in.windows, in.scale);
    }

    static List<Function<Inputs, Tensor[]>> f64Paths() {
        return List.of(
                in -> WindowAttentionF64.forward(in.q, in.k, in.v, in.windows, in.scale),
                WindowAttentionKernelTest::forwardOnBackend);
    }
}
