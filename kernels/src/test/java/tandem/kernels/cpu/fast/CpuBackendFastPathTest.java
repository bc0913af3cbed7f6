package tandem.kernels.cpu.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tandem.kernels.cpu.CpuBackend;
import tandem.tensor.ConvSpec;
import tandem.tensor.DType;
import tandem.tensor.Tensor;

/** F32 matmul and convolution in CpuBackend take the fast kernels and agree with the F64 reference / naive loops. */
class CpuBackendFastPathTest {
    private final CpuBackend cpu = new CpuBackend();

    @Test
    void f32MatmulMatchesF64ReferenceWithBroadcastBatchAndTransposedView() {
        Tensor a = Tensor.of(SgemmTest.random(3 * 5 * 7, 31), 3, 5, 7);
        Tensor bt = Tensor.of(SgemmTest.random(9 * 7, 32), 9, 7).transpose(0, 1); // (7, 9), not contiguous
        Tensor c32 = cpu.matmul(a, bt);
        Tensor c64 = cpu.matmul(a.to(DType.F64), bt.to(DType.F64));
        assertArrayEquals(new int[] {3, 5, 9}, c32.shape());
        assertTrue(c32.dtype() == DType.F32);
        double[] got = c32.toDoubleArray(), want = c64.toDoubleArray();
        for (int i = 0; i < want.length; i++) {
            assertTrue(Math.abs(got[i] - want[i]) <= 1e-5 + 1e-5 * Math.abs(want[i]) * 7, "element " + i + ": " + got[i] + " vs " + want[i]);
        }
    }

    @Test
    void f32ConvPassesMatchNaiveLoopsOnAPermutedInput() {
        int[] xs = {2, 4, 5, 6}, ws = {6, 2, 3, 3};
        ConvSpec spec = new ConvSpec(new int[] {2, 1}, new int[] {1, 1}, new int[] {1, 1}, 2);
        // Stored as (B, H, W, C) and permuted to (B, C, H, W): a strided view the backend must gather.
        Tensor stored = Tensor.of(SgemmTest.random(2 * 5 * 6 * 4, 33), 2, 5, 6, 4);
        Tensor x = stored.permute(0, 3, 1, 2);
        Tensor w = Tensor.of(SgemmTest.random(6 * 2 * 9, 34), ws);
        float[] xDense = x.toFloatArray(), wDense = w.toFloatArray();
        NaiveConv ref = new NaiveConv(xs, ws, spec);

        Tensor y = cpu.convForward(x, w, spec);
        assertNear(ref.forward(xDense, wDense), y.toFloatArray());
        Tensor dy = Tensor.of(SgemmTest.random((int) y.numel(), 35), y.shape());
        assertNear(ref.backwardData(dy.toFloatArray(), wDense), cpu.convBackwardData(dy, w, spec, xs).toFloatArray());
        assertNear(ref.backwardWeight(xDense, dy.toFloatArray()), cpu.convBackwardWeight(x, dy, spec, ws).toFloatArray());
    }

    private static void assertNear(NaiveConv.Result ref, float[] got) {
        for (int i = 0; i < got.length; i++) {
            double tol = 1e-6 + 1e-5 * ref.magnitude()[i];
            assertTrue(Math.abs(got[i] - ref.value()[i]) <= tol, "element " + i + ": " + got[i] + " vs " + ref.value()[i]);
        }
    }
}
