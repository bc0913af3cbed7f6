package tandem.autograd;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tandem.autograd.ops.WindowedAttention;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.RandomKind;
import tandem.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The fused windowed-attention op against its composite of Var ops (narrow, matmul, softmax, cat), what autograd runs
 * on a backend without the kernel, in value and gradient; F64 central-difference checks of both paths.
 * Tolerances: F64 1e-12 (atol and rtol); F32 atol 3e-5 + rtol 1e-4 (float rounding of dot products of length <= 16).
 */
class WindowedAttentionTest {
    static Tensor randn(long seed, DType t, int... shape) {
        return Tensor.random(RandomKind.NORMAL, seed, 0, 1, t, Device.CPU, shape);
    }

    static void assertClose(Tensor expected, Tensor actual, double atol, double rtol, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(a[i] - e[i]) <= atol + rtol * Math.abs(e[i]))) {
                fail(what + " at flat index " + i + ": expected " + e[i] + " but got " + a[i] + " (atol " + atol + ", rtol " + rtol + ")");
            }
        }
    }

    @Test
    void fusedAgreesWithTheVarCompositeInValueAndGradient() {
        // (B, Tq, Tk, D, Dv, W): a single element, uneven windows with Tq < Tk and Tq > Tk, one window, W = min(Tq, Tk)
        int[][] cases = {{1, 1, 1, 1, 1, 1}, {2, 7, 11, 5, 3, 3}, {3, 13, 5, 16, 7, 4}, {2, 6, 9, 8, 8, 1}, {1, 5, 5, 2, 3, 5}};
        for (DType t : DType.values()) {
            double atol = t == DType.F64 ? 1e-12 : 3e-5, rtol = t == DType.F64 ? 1e-12 : 1e-4;
            for (int[] c : cases) {
                long seed = 31L * c[1] + c[2];
                Tensor qd = randn(seed, t, c[0], c[1], c[3]), kd = randn(seed + 1, t, c[0], c[2], c[3]), vd = randn(seed + 2, t, c[0], c[2], c[4]);
                Tensor r = randn(seed + 3, t, c[0], c[1], c[4]);
                double scale = 1 / Math.sqrt(c[3]);
                Var[] fused = {Var.param(qd), Var.param(kd), Var.param(vd)}, comp = {Var.param(qd), Var.param(kd), Var.param(vd)};
                Var yf = WindowedAttention.apply(fused[0], fused[1], fused[2], c[5], scale);
                Var yc = WindowedAttention.composite(comp[0], comp[1], comp[2], c[5], scale);
                String what = t + " case " + Arrays.toString(c);
                assertClose(yc.data(), yf.data(), atol, rtol, what + " value");
                yf.mul(Var.constant(r)).sum().backward();
                yc.mul(Var.constant(r)).sum().backward();
                for (int i = 0; i < 3; i++) assertClose(comp[i].grad(), fused[i].grad(), atol, rtol, what + " gradient of " + "qkv".charAt(i));
            }
        }
    }

    @Test
    void gradCheckInF64() {
        for (int[] c : new int[][] {{2, 7, 5, 3, 4, 2}, {1, 4, 9, 5, 2, 4}, {2, 3, 3, 4, 4, 1}}) {
            Var q = Var.param(randn(c[1], DType.F64, c[0], c[1], c[3]));
            Var k = Var.param(randn(c[2] + 10, DType.F64, c[0], c[2], c[3]));
            Var v = Var.param(randn(c[4] + 20, DType.F64, c[0], c[2], c[4]));
            GradCheck.Result r = GradCheck.check(x -> WindowedAttention.apply(x[0], x[1], x[2], c[5], 0.7), q, k, v);
            assertTrue(r.passed(), Arrays.toString(c) + ": " + r);
        }
    }

    @Test
    void theCompositesBackwardDerivedByAutogradPassesGradCheck() {
        for (int[] c : new int[][] {{2, 7, 5, 3, 4, 2}, {1, 9, 4, 2, 3, 4}}) {
            Var q = Var.param(randn(c[1] + 40, DType.F64, c[0], c[1], c[3]));
            Var k = Var.param(randn(c[2] + 50, DType.F64, c[0], c[2], c[3]));
            Var v = Var.param(randn(c[4] + 60, DType.F64, c[0], c[2], c[4]));
            GradCheck.Result r = GradCheck.check(x -> WindowedAttention.composite(x[0], x[1], x[2], c[5], 0.6), q, k, v);
            assertTrue(r.passed(), Arrays.toString(c) + ": " + r);
        }
    }

    @Test
    void compositeWeightsEqualTheKernels() {
        for (DType t : DType.values()) {
            Var q = Var.constant(randn(8, t, 2, 7, 3)), k = Var.constant(randn(9, t, 2, 11, 3));
            double tol = t == DType.F64 ? 1e-12 : 1e-6;
            assertClose(WindowedAttention.weights(q, k, 3, 0.8), WindowedAttention.compositeWeights(q, k, 3, 0.8), tol, tol, t + " weights");
        }
    }

    @Test
    void onlyInputsThatNeedGradientsGetThem() {
        Var q = Var.param(randn(1, DType.F64, 1, 4, 3)), k = Var.constant(randn(2, DType.F64, 1, 6, 3));
        Var v = Var.constant(randn(3, DType.F64, 1, 6, 2));
        WindowedAttention.apply(q, k, v, 2, 1).sum().backward();
        assertNull(k.grad());
        assertNull(v.grad());
        Var qc = Var.param(q.data());
        WindowedAttention.composite(qc, k, v, 2, 1).sum().backward();
        assertClose(qc.grad(), q.grad(), 1e-12, 1e-12, "dq with constant k and v");
    }

    @Test
    void weightsForHooksAreTheWindowedSoftmaxOutsideTheGraph() {
        Var q = Var.param(randn(5, DType.F64, 2, 6, 4)), k = Var.param(randn(6, DType.F64, 2, 9, 4));
        Var v = Var.param(randn(7, DType.F64, 2, 9, 3));
        Tensor w = WindowedAttention.weights(q, k, 3, 0.5);
        assertArrayEquals(new int[] {2, 6, 9}, w.shape());
        assertTrue(GradMode.isEnabled(), "weights() restores grad mode");
        assertClose(WindowedAttention.apply(q, k, v, 3, 0.5).data(), w.matmul(v.data()), 1e-12, 1e-12, "weights @ v = out");
        // query 0 sits in window 0: keys [0, 3); its weights on keys 3.. are exactly zero and the rest sum to 1
        double inWindow = 0;
        for (int j = 0; j < 9; j++) {
            if (j >= 3) assertTrue(w.get(1, 0, j) == 0, "weight outside the window at key " + j);
            else inWindow += w.get(1, 0, j);
        }
        assertTrue(Math.abs(inWindow - 1) <= 1e-12, "window weights sum to " + inWindow);
    }
}
