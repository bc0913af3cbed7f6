package tandem.autograd;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tandem.autograd.ops.SeExcite;
import tandem.tensor.DType;
import tandem.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused class-map SE op against its composite of Var ops (batched matmul over classes, relu, sigmoid), what
 * autograd runs on a backend without the kernel, in value and gradient; the composite against the definition written
 * one class at a time; F64 central-difference checks of both paths.
 * Tolerances: F64 1e-12 (atol and rtol); F32 atol 2e-5 + rtol 1e-4.
 */
class SeExciteTest {
    /** The definition, one class at a time from Var ops (narrow, matmul, relu, sigmoid), the classes joined on axis 1. */
    static Var perClass(Var z, Var w1, Var b1, Var w2, Var b2) {
        int c = w1.size(0), h = w1.size(1), n = w1.size(2);
        Var[] classes = new Var[c];
        for (int i = 0; i < c; i++) {
            Var w1c = w1.narrow(0, i, 1).reshape(h, n), w2c = w2.narrow(0, i, 1).reshape(n, h);
            Var hidden = z.matmul(w1c.transpose(0, 1)).add(b1.narrow(0, i, 1)).relu();          // (B, H)
            classes[i] = hidden.matmul(w2c.transpose(0, 1)).add(b2.narrow(0, i, 1)).sigmoid().unsqueeze(1);
        }
        return Var.cat(1, classes);
    }

    static Tensor[] inputs(int b, int c, int h, int n, long seed, DType t) {
        return new Tensor[] {
            WindowedAttentionTest.randn(seed, t, b, n), WindowedAttentionTest.randn(seed + 1, t, c, h, n).mul(1 / Math.sqrt(n)),
            WindowedAttentionTest.randn(seed + 2, t, c, h).mul(0.1), WindowedAttentionTest.randn(seed + 3, t, c, n, h).mul(1 / Math.sqrt(h)),
            WindowedAttentionTest.randn(seed + 4, t, c, n).mul(0.1)};
    }

    @Test
    void fusedAgreesWithTheVarCompositeInValueAndGradient() {
        int[][] cases = {{1, 1, 1, 1}, {3, 2, 5, 7}, {2, 4, 8, 33}, {4, 4, 16, 128}};
        for (DType t : DType.values()) {
            double atol = t == DType.F64 ? 1e-12 : 2e-5, rtol = t == DType.F64 ? 1e-12 : 1e-4;
            for (int[] c : cases) {
                Tensor[] in = inputs(c[0], c[1], c[2], c[3], 17L * c[3], t);
                Tensor r = WindowedAttentionTest.randn(5, t, c[0], c[1], c[3]);
                Var[] f = new Var[5], p = new Var[5];
                for (int i = 0; i < 5; i++) {
                    f[i] = Var.param(in[i]);
                    p[i] = Var.param(in[i]);
                }
                Var yf = SeExcite.apply(f[0], f[1], f[2], f[3], f[4]), yc = SeExcite.composite(p[0], p[1], p[2], p[3], p[4]);
                String what = t + " (B, C, H, N) = " + Arrays.toString(c);
                WindowedAttentionTest.assertClose(yc.data(), yf.data(), atol, rtol, what + " value");
                yf.mul(Var.constant(r)).sum().backward();
                yc.mul(Var.constant(r)).sum().backward();
                String[] names = {"z", "w1", "b1", "w2", "b2"};
                for (int i = 0; i < 5; i++) WindowedAttentionTest.assertClose(p[i].grad(), f[i].grad(), atol, rtol, what + " gradient of " + names[i]);
            }
        }
    }

    @Test
    void gradCheckInF64() {
        for (int[] c : new int[][] {{1, 1, 1, 1}, {3, 2, 5, 7}, {2, 3, 4, 6}}) {
            Tensor[] in = inputs(c[0], c[1], c[2], c[3], 3L * c[3], DType.F64);
            Var[] v = new Var[5];
            for (int i = 0; i < 5; i++) v[i] = Var.param(in[i]);
            GradCheck.Result r = GradCheck.check(x -> SeExcite.apply(x[0], x[1], x[2], x[3], x[4]), v);
            assertTrue(r.passed(), Arrays.toString(c) + ": " + r);
        }
    }

    @Test
    void theCompositeIsTheDefinitionAndItsDerivedBackwardPassesGradCheck() {
        Tensor[] in = inputs(3, 2, 5, 7, 77, DType.F64);
        Var[] v = new Var[5];
        for (int i = 0; i < 5; i++) v[i] = Var.param(in[i]);
        WindowedAttentionTest.assertClose(perClass(v[0], v[1], v[2], v[3], v[4]).data(),
                SeExcite.composite(v[0], v[1], v[2], v[3], v[4]).data(), 1e-12, 1e-12, "composite vs one class at a time");
        GradCheck.Result r = GradCheck.check(x -> SeExcite.composite(x[0], x[1], x[2], x[3], x[4]), v);
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void frozenWeightsGetNoGradient() {
        Tensor[] in = inputs(2, 2, 3, 4, 9, DType.F64);
        Var z = Var.param(in[0]), w1 = Var.constant(in[1]), b1 = Var.constant(in[2]), w2 = Var.constant(in[3]), b2 = Var.constant(in[4]);
        SeExcite.apply(z, w1, b1, w2, b2).sum().backward();
        assertNull(w1.grad());
        Var zc = Var.param(in[0]);
        SeExcite.composite(zc, w1, b1, w2, b2).sum().backward();
        WindowedAttentionTest.assertClose(zc.grad(), z.grad(), 1e-12, 1e-12, "dz with frozen weights");
    }
}
