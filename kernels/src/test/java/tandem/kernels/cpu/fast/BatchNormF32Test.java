package tandem.kernels.cpu.fast;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tandem.kernels.cpu.CpuBackend;
import tandem.kernels.cpu.ref.BatchNormRef;
import tandem.tensor.DType;
import tandem.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The F32 batch norm against the double reference on the same values. Tolerances: y within 1e-5 + 1e-5 |ref|;
 * batch and running statistics within one float ulp of the reference's value rounded to float (both accumulate in
 * double, only the order of the additions differs); gradients within 1e-6 of the magnitude of the terms summed.
 */
class BatchNormF32Test {
    private static final double MOMENTUM = 0.1, EPS = 1e-5;
    private static final int[][] SHAPES = {
            {3, 5, 7}, {1, 2, 13}, {2, 3}, {5, 3, 2, 3, 7}, {2, 1, 1, 1, 1}, {4, 5, 41, 43}, // the last runs in parallel
    };

    @Test
    void trainingForwardMatchesTheReferenceIncludingRunningStatistics() {
        long seed = 1;
        for (int[] xs : SHAPES) {
            Problem p = new Problem(xs, seed++, 0, 1);
            float[] rm = p.runningMean.clone(), rv = p.runningVar.clone();
            BatchNormF32.Forward got = BatchNormF32.forward(p.x, xs, p.gamma, p.beta, rm, rv, true, MOMENTUM, EPS,
                    new float[p.x.length]);
            double[] refRm = wide(p.runningMean), refRv = wide(p.runningVar);
            double[][] want = BatchNormRef.forward(wide(p.x), xs, wide(p.gamma), wide(p.beta), refRm, refRv, true, MOMENTUM, EPS);
            String at = " for " + Arrays.toString(xs);
            assertClose(want[0], got.y(), 1e-5, 1e-5, "y" + at);
            assertWithinUlp(want[1], got.mean(), "mean" + at);
            assertWithinUlp(want[2], got.invStd(), "invStd" + at);
            assertWithinUlp(refRm, rm, "running mean" + at);
            assertWithinUlp(refRv, rv, "running variance" + at);
        }
    }

    @Test
    void aLargeMeanDoesNotSwampASmallSpread() {
        // values 1000 +- 0.01: a one-pass sum of squares in float would lose the variance entirely
        int[] xs = {4, 3, 50};
        Problem p = new Problem(xs, 7, 1000, 0.01);
        float[] rm = p.runningMean.clone(), rv = p.runningVar.clone();
        BatchNormF32.Forward got = BatchNormF32.forward(p.x, xs, p.gamma, p.beta, rm, rv, true, MOMENTUM, EPS, new float[p.x.length]);
        double[][] want = BatchNormRef.forward(wide(p.x), xs, wide(p.gamma), wide(p.beta), wide(p.runningMean),
                wide(p.runningVar), true, MOMENTUM, EPS);
        assertWithinUlp(want[2], got.invStd(), "invStd");
        assertClose(want[0], got.y(), 1e-5, 1e-5, "y");
    }

    @Test
    void evalNormalisesWithTheRunningStatisticsAndLeavesThemAlone() {
        int[] xs = {3, 4, 5, 2};
        Problem p = new Problem(xs, 11, 0.5, 2);
        float[] rm = p.runningMean.clone(), rv = p.runningVar.clone();
        BatchNormF32.Forward got = BatchNormF32.forward(p.x, xs, p.gamma, p.beta, rm, rv, false, MOMENTUM, EPS, new float[p.x.length]);
        double[][] want = BatchNormRef.forward(wide(p.x), xs, wide(p.gamma), wide(p.beta), wide(p.runningMean),
                wide(p.runningVar), false, MOMENTUM, EPS);
        assertArrayEquals(p.runningMean, rm, 0f, "running mean untouched");
        assertArrayEquals(p.runningVar, rv, 0f, "running variance untouched");
        assertArrayEquals(p.runningMean, got.mean(), 0f, "eval mean is the running mean");
        assertWithinUlp(want[2], got.invStd(), "invStd");
        assertClose(want[0], got.y(), 1e-5, 1e-5, "y");
    }

    @Test
    void backwardMatchesTheReference() {
        long seed = 100;
        for (int[] xs : SHAPES) {
            Problem p = new Problem(xs, seed++, 0.3, 1.5);
            BatchNormF32.Forward f = BatchNormF32.forward(p.x, xs, p.gamma, p.beta, p.runningMean.clone(),
                    p.runningVar.clone(), true, MOMENTUM, EPS, new float[p.x.length]);
            float[] dy = floats(seed * 31, p.x.length, 0, 1);
            BatchNormF32.Backward got = BatchNormF32.backward(dy, p.x, xs, p.gamma, f.mean(), f.invStd(), new float[p.x.length]);
            double[][] want = BatchNormRef.backward(wide(dy), wide(p.x), xs, wide(p.gamma), wide(f.mean()), wide(f.invStd()));
            String at = " for " + Arrays.toString(xs);
            int c = xs[1], n = p.x.length / c, spatial = n / xs[0];
            double[] sumAbsDy = new double[c], sumAbsDyXhat = new double[c];
            for (int i = 0; i < p.x.length; i++) {
                int ch = i / spatial % c;
                sumAbsDy[ch] += Math.abs(dy[i]);
                sumAbsDyXhat[ch] += Math.abs(dy[i] * (p.x[i] - f.mean()[ch]) * f.invStd()[ch]);
            }
            for (int ch = 0; ch < c; ch++) {
                assertNear(want[2][ch], got.dbeta()[ch], 1e-6 * sumAbsDy[ch], "dbeta[" + ch + "]" + at);
                assertNear(want[1][ch], got.dgamma()[ch], 1e-6 * sumAbsDyXhat[ch], "dgamma[" + ch + "]" + at);
            }
            for (int i = 0; i < p.x.length; i++) {
                int ch = i / spatial % c;
                double xhat = (p.x[i] - f.mean()[ch]) * (double) f.invStd()[ch];
                double terms = Math.abs(p.gamma[ch] * (double) f.invStd()[ch] / n)
                        * (n * Math.abs(dy[i]) + Math.abs(want[2][ch]) + Math.abs(xhat * want[1][ch]));
                assertNear(want[0][i], got.dx()[i], 1e-6 + 1e-6 * terms, "dx[" + i + "]" + at);
            }
        }
    }

    @Test
    void backendRoutesF32HereWithStridedInputsAndStridedRunningStatistics() {
        CpuBackend cpu = new CpuBackend();
        int[] stored = {3, 6, 4, 5};   // stored (B, H, W, C), used as the permuted view (B, C, H, W)
        Tensor x = Tensor.of(floats(41, 3 * 6 * 4 * 5, 0, 1), stored).permute(0, 3, 1, 2);
        Tensor gamma = Tensor.of(floats(42, 5, 1, 0.5), 5), beta = Tensor.of(floats(43, 5, 0, 1), 5);
        // running statistics as every other element of a longer buffer: a strided view updated in place
        Tensor meanBuf = Tensor.of(floats(44, 10, 0, 1), 10), varBuf = Tensor.of(floats(45, 10, 2, 0.5), 10);
        Tensor rm = meanBuf.slice(0, 0, 10, 2), rv = varBuf.slice(0, 0, 10, 2);
        Tensor rm64 = rm.to(DType.F64), rv64 = rv.to(DType.F64);
        float[] meanBefore = meanBuf.toFloatArray(), varBefore = varBuf.toFloatArray();
        assertTrue(!x.isDense() && !rm.isDense(), "inputs are strided views");

        Tensor[] got = cpu.batchNormForward(x, gamma, beta, rm, rv, true, MOMENTUM, EPS);
        Tensor[] want = cpu.batchNormForward(x.to(DType.F64), gamma.to(DType.F64), beta.to(DType.F64), rm64, rv64, true, MOMENTUM, EPS);
        assertEquals(DType.F32, got[0].dtype());
        assertArrayEquals(new int[] {3, 5, 6, 4}, got[0].shape());
        assertClose(want[0].toDoubleArray(), got[0].toFloatArray(), 1e-5, 1e-5, "y");
        assertWithinUlp(rm64.toDoubleArray(), rm.toFloatArray(), "running mean in place");
        assertWithinUlp(rv64.toDoubleArray(), rv.toFloatArray(), "running variance in place");
        float[] meanAfter = meanBuf.toFloatArray(), varAfter = varBuf.toFloatArray();
        for (int i = 1; i < 10; i += 2) {
            assertEquals(meanBefore[i], meanAfter[i], "element " + i + " outside the running-mean view is untouched");
            assertEquals(varBefore[i], varAfter[i], "element " + i + " outside the running-variance view is untouched");
        }

        Tensor dy = Tensor.of(floats(46, 3 * 5 * 6 * 4, 0, 1), 3, 5, 4, 6).transpose(2, 3);   // strided gradient
        Tensor[] g = cpu.batchNormBackward(dy, x, gamma, got[1], got[2]);
        Tensor[] g64 = cpu.batchNormBackward(dy.to(DType.F64), x.to(DType.F64), gamma.to(DType.F64),
                got[1].to(DType.F64), got[2].to(DType.F64));
        assertClose(g64[0].toDoubleArray(), g[0].toFloatArray(), 1e-5, 1e-4, "dx");
        assertClose(g64[1].toDoubleArray(), g[1].toFloatArray(), 1e-5, 1e-5, "dgamma");
        assertClose(g64[2].toDoubleArray(), g[2].toFloatArray(), 1e-5, 1e-5, "dbeta");
    }

    @Test
    void denseRunningStatisticsAreUpdatedInTheirOwnStorage() {
        CpuBackend cpu = new CpuBackend();
        Tensor x = Tensor.of(floats(51, 2 * 3 * 4, 1, 1), 2, 3, 4);
        Tensor rm = Tensor.zeros(3), rv = Tensor.ones(3);
        cpu.batchNormForward(x, Tensor.ones(3), Tensor.zeros(3), rm, rv, true, 0.5, EPS);
        float[] v = x.toFloatArray();
        for (int c = 0; c < 3; c++) {
            double mu = 0;
            for (int b = 0; b < 2; b++) for (int s = 0; s < 4; s++) mu += v[(b * 3 + c) * 4 + s];
            mu /= 8;
            assertNear(0.5 * mu, rm.toFloatArray()[c], 1e-6, "running mean " + c);
        }
    }

    @Test
    void badInputIsNamed() {
        float[] one = {1f};
        IllegalArgumentException single = assertThrows(IllegalArgumentException.class, () ->
                BatchNormF32.forward(new float[] {1f, 2f}, new int[] {1, 2}, new float[2], new float[2], new float[2],
                        new float[2], true, MOMENTUM, EPS, new float[2]));
        assertTrue(single.getMessage().contains("batch_norm") && single.getMessage().contains("more than one value"), single.getMessage());
        IllegalArgumentException gamma = assertThrows(IllegalArgumentException.class, () ->
                BatchNormF32.forward(new float[6], new int[] {2, 3}, one, new float[3], new float[3], new float[3],
                        true, MOMENTUM, EPS, new float[6]));
        assertTrue(gamma.getMessage().contains("gamma") && gamma.getMessage().contains("3 channels"), gamma.getMessage());
        IllegalArgumentException dy = assertThrows(IllegalArgumentException.class, () ->
                BatchNormF32.backward(new float[5], new float[6], new int[] {2, 3}, new float[3], new float[3], new float[3],
                        new float[6]));
        assertTrue(dy.getMessage().contains("batch_norm_bwd") && dy.getMessage().contains("gradient"), dy.getMessage());
    }

    /** Random inputs and parameters for x of the given shape; x = centre + spread * U(-1, 1). */
    private static final class Problem {
        final float[] x, gamma, beta, runningMean, runningVar;

        Problem(int[] xs, long seed, double centre, double spread) {
            int n = 1;
            for (int d : xs) n *= d;
            x = floats(seed, n, centre, spread);
            gamma = floats(seed + 1, xs[1], 1, 0.5);
            beta = floats(seed + 2, xs[1], 0, 1);
            runningMean = floats(seed + 3, xs[1], 0, 1);
            runningVar = floats(seed + 4, xs[1], 1.5, 1);
        }
    }

    static float[] floats(long seed, int n, double centre, double spread) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (centre + spread * r.nextDouble(-1, 1));
        return v;
    }

    static double[] wide(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }

    static void assertClose(double[] want, float[] got, double atol, double rtol, String what) {
        assertEquals(want.length, got.length, what + ": lengths differ");
        for (int i = 0; i < want.length; i++) assertNear(want[i], got[i], atol + rtol * Math.abs(want[i]), what + " at " + i);
    }

    static void assertNear(double want, float got, double tol, String what) {
        if (Double.isNaN(want) && Float.isNaN(got)) return;
        if (!(Math.abs(got - want) <= tol)) fail(what + ": expected " + want + " but got " + got + " (tolerance " + tol + ")");
    }

    /** Within one float ulp of the reference value rounded to float. */
    private static void assertWithinUlp(double[] want, float[] got, String what) {
        assertEquals(want.length, got.length, what + ": lengths differ");
        for (int i = 0; i < want.length; i++) {
            float w = (float) want[i];
            assertNear(w, got[i], Math.ulp(w), what + " at " + i);
        }
    }
}
