package tandem.kernels.cpu.fast;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tandem.kernels.cpu.Checks;
import tandem.kernels.cpu.CpuBackend;
import tandem.tensor.DType;
import tandem.tensor.Tensor;
import tandem.tensor.backend.Backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tandem.kernels.cpu.Checks.assertClose;

/**
 * The fused SE kernels (v1 in double, v2 on the Vector API in F32, and the backend's routing) against
 * {@link NaiveSeExcite}: forward directly, the F64 backward by central differences of the naive loop, the F32 backward
 * against the F64 one. Tolerances: F64 paths to 1e-12 (atol and rtol); F32 paths to atol 1e-5 + rtol 1e-4 of
 * the F64 result on the same F32-rounded inputs (sigmoid outputs lie in (0, 1); weights are scaled by 1/sqrt(fan-in)).
 */
class SeExciteKernelTest {
    static final double F64_TOL = 1e-12, F32_ATOL = 1e-5, F32_RTOL = 1e-4;
    static final Backend CPU = new CpuBackend();

    /** (B, C, H, N): ones, primes, a lane-sized N, and a cut of the se-classmap shape. */
    static final int[][] CASES = {{1, 1, 1, 1}, {3, 2, 5, 7}, {2, 4, 3, 33}, {1, 3, 16, 64}, {8, 4, 8, 256}};

    /** {z, w1, b1, w2, b2} in F64, weights scaled like a PyTorch-initialised layer. */
    static Tensor[] inputs(int[] c, long seed) {
        int b = c[0], cl = c[1], h = c[2], n = c[3];
        return new Tensor[] {
            Tensor.of(Checks.random(seed, b * n), b, n),
            Tensor.of(Checks.random(seed + 1, cl * h * n), cl, h, n).mul(1 / Math.sqrt(n)),
            Tensor.of(Checks.random(seed + 2, cl * h), cl, h).mul(0.1),
            Tensor.of(Checks.random(seed + 3, cl * n * h), cl, n, h).mul(1 / Math.sqrt(h)),
            Tensor.of(Checks.random(seed + 4, cl * n), cl, n).mul(0.1)};
    }

    static Tensor[] to(Tensor[] t, DType d) {
        Tensor[] r = new Tensor[t.length];
        for (int i = 0; i < t.length; i++) r[i] = t[i].to(d);
        return r;
    }

    static double[] naive(Tensor[] in, int[] c) {
        return NaiveSeExcite.gates(in[0].toDoubleArray(), in[1].toDoubleArray(), in[2].toDoubleArray(), in[3].toDoubleArray(),
                in[4].toDoubleArray(), c[0], c[1], c[2], c[3]);
    }

    static String name(int[] c) { return "case (B, C, H, N) = " + Checks.str(c); }

    @Test
    void forwardOfEveryPathMatchesTheNaiveLoop() {
        for (int[] c : CASES) {
            Tensor[] in = inputs(c, c[3]);
            double[] expected = naive(in, c);
            for (Function<Tensor[], Tensor> path : List.<Function<Tensor[], Tensor>>of(
                    x -> SeExciteF64.forward(x[0], x[1], x[2], x[3], x[4]),
                    x -> CPU.seExciteForward(x[0], x[1], x[2], x[3], x[4]))) {
                Tensor s = path.apply(in);
                assertArrayEquals(new int[] {c[0], c[1], c[3]}, s.shape(), name(c));
                assertClose(expected, s.toDoubleArray(), F64_TOL, F64_TOL, name(c) + " F64");
            }
            Tensor[] f32 = to(in, DType.F32);
            double[] expected32 = naive(to(f32, DType.F64), c);
            for (Tensor s : new Tensor[] {SeExciteF32.forward(f32[0], f32[1], f32[2], f32[3], f32[4]), CPU.seExciteForward(f32[0], f32[1], f32[2], f32[3], f32[4])}) {
                assertEquals(DType.F32, s.dtype());
                assertClose(expected32, s.toDoubleArray(), F32_ATOL, F32_RTOL, name(c) + " F32");
            }
        }
    }

    @Test
    void backwardOfTheF64KernelMatchesCentralDifferencesOfTheNaiveLoop() {
        for (int[] c : new int[][] {{1, 1, 1, 1}, {3, 2, 5, 7}, {2, 3, 4, 6}}) {
            Tensor[] in = inputs(c, 30 + c[3]);
            double[] seed = Checks.random(8, c[0] * c[1] * c[3]);
            Tensor ds = Tensor.of(seed, c[0], c[1], c[3]);
            Tensor[] grads = SeExciteF64.backward(in[0], in[1], in[2], in[3], in[4], ds);
            for (int x = 0; x < 5; x++) {
                final int which = x;
                Function<double[], Double> objective = moved -> {
                    Tensor[] m = in.clone();
                    m[which] = Tensor.of(moved, in[which].shape());
                    return Checks.dot(seed, naive(m, c));
                };
                double[] numeric = Checks.numericGradient(objective, in[x].toDoubleArray(), 1e-6);
                assertClose(numeric, grads[x].toDoubleArray(), 1e-8, 1e-6, name(c) + " gradient of input " + x);
            }
        }
    }

    @Test
    void backwardOfEveryPathMatchesTheF64Kernel() {
        for (int[] c : CASES) {
            Tensor[] in = inputs(c, 50 + c[2]);
            Tensor ds = Tensor.of(Checks.random(9, c[0] * c[1] * c[3]), c[0], c[1], c[3]);
            Tensor[] ref = SeExciteF64.backward(in[0], in[1], in[2], in[3], in[4], ds);
            assertGradients(ref, CPU.seExciteBackward(in[0], in[1], in[2], in[3], in[4], ds), F64_TOL, F64_TOL, name(c) + " backend F64");
            Tensor[] f32 = to(in, DType.F32), r = to(f32, DType.F64);
            Tensor ds32 = ds.to(DType.F32);
            Tensor[] ref32 = SeExciteF64.backward(r[0], r[1], r[2], r[3], r[4], ds32.to(DType.F64));
            assertGradients(ref32, SeExciteF32.backward(f32[0], f32[1], f32[2], f32[3], f32[4], ds32), F32_ATOL, F32_RTOL, name(c) + " F32 kernel");
        }
    }

    @Test
    void nonContiguousInputsGiveTheSameResultAsTheirContiguousCopies() {
        int[] c = {3, 2, 5, 7};
        Tensor[] dense = inputs(c, 4);
        // z from a transposed (N, B) tensor, w1 from a permuted (C, N, H) one, w2 as every other row of a (C, 2N, H)
        Tensor z = dense[0].transpose(0, 1).contiguous().transpose(0, 1);
        Tensor w1 = dense[1].permute(0, 2, 1).contiguous().permute(0, 2, 1);
        Tensor wide = Tensor.zeros(DType.F64, dense[3].device(), 2, 14, 5);
        CPU.assign(wide.slice(1, 0, 14, 2), dense[3]);
        Tensor w2 = wide.slice(1, 0, 14, 2);
        assertTrue(!z.isContiguous() && !w1.isContiguous() && !w2.isContiguous());
        Tensor ds = Tensor.of(Checks.random(3, 42), 3, 2, 7);
        for (DType t : DType.values()) {
            Tensor[] v = to(new Tensor[] {z, w1, dense[2], w2, dense[4]}, t), d = to(dense, t);
            assertClose(CPU.seExciteForward(d[0], d[1], d[2], d[3], d[4]).toDoubleArray(),
                    CPU.seExciteForward(v[0], v[1], v[2], v[3], v[4]).toDoubleArray(), 0, 0, t + " forward on views");
            Tensor[] gv = CPU.seExciteBackward(v[0], v[1], v[2], v[3], v[4], ds.to(t));
            Tensor[] gd = CPU.seExciteBackward(d[0], d[1], d[2], d[3], d[4], ds.to(t));
            assertGradients(gd, gv, 0, 0, t + " backward on views");
        }
    }

    @Test
    void badShapesNameTheOpAndTheShapes() {
        Tensor[] in = inputs(new int[] {2, 3, 4, 5}, 1);
        for (Backend be : new Backend[] {CPU}) {
            String who = "fused";
            WindowAttentionKernelTest.expect(() -> be.seExciteForward(in[0], in[1], in[2], in[3].transpose(1, 2), in[4]), who,
                    "se_excite", "w2", "[3, 4, 5]", "expected [3, 5, 4]");
            WindowAttentionKernelTest.expect(() -> be.seExciteForward(Tensor.zeros(DType.F64, in[0].device(), 2, 6), in[1], in[2], in[3], in[4]), who,
                    "se_excite", "w1", "expected [3, 4, 6]");
            WindowAttentionKernelTest.expect(() -> be.seExciteForward(in[0].reshape(10), in[1], in[2], in[3], in[4]), who,
                    "se_excite", "rank 2", "[10]");
            WindowAttentionKernelTest.expect(() -> be.seExciteForward(in[0], in[1], in[2].to(DType.F32), in[3], in[4]), who,
                    "se_excite", "dtypes differ");
            WindowAttentionKernelTest.expect(() -> be.seExciteBackward(in[0], in[1], in[2], in[3], in[4], Tensor.zeros(DType.F64, in[0].device(), 2, 5)), who,
                    "se_excite_bwd", "ds", "[2, 5]", "expected [2, 3, 5]");
        }
    }

    static void assertGradients(Tensor[] expected, Tensor[] actual, double atol, double rtol, String what) {
        String[] names = {"dz", "dw1", "db1", "dw2", "db2"};
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(expected[i].shape(), actual[i].shape(), what + " " + names[i] + " shape");
            assertClose(expected[i].toDoubleArray(), actual[i].toDoubleArray(), atol, rtol, what + " " + names[i]);
        }
    }
}
