package tandem.nn.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.Tensor;

class InitTest {
    private static final Device CPU = Device.CPU;

    /** Sample mean and standard deviation (population form; n is large). */
    private static double[] meanStd(Tensor t) {
        double[] v = t.toDoubleArray();
        double mean = Arrays.stream(v).average().orElseThrow();
        double var = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / v.length;
        return new double[] {mean, Math.sqrt(var)};
    }

    private static void assertClose(double expected, double actual, double atol, double rtol, String what) {
        assertTrue(Math.abs(actual - expected) <= atol + rtol * Math.abs(expected),
                what + ": expected " + expected + " (atol " + atol + ", rtol " + rtol + "), got " + actual);
    }

    private static void assertWithin(Tensor t, double lo, double hi) {
        for (double x : t.toDoubleArray()) assertTrue(x >= lo && x < hi, x + " outside [" + lo + ", " + hi + ")");
    }

    // Weights of 55k-154k elements: the sample std of n draws is off by about std/sqrt(2n) <= 0.3%, so 2% is
    // several standard errors, yet a wrong gain (>= 15% off) or a wrong fan (x1.4 or more here) fails clearly.
    private static final int[] CONV = {64, 32, 3, 3, 3};   // fan_in 864, fan_out 1728, 55296 elements
    private static final int[] LINEAR = {512, 300};        // fan_in 300, fan_out 512, 153600 elements

    @Test
    void kaimingUniformHasTheRightBoundAndSpread() {
        Tensor w = Init.kaimingUniform(0, FanMode.FAN_IN, Nonlinearity.RELU, 7, DType.F32, CPU, LINEAR);
        double bound = Math.sqrt(2) * Math.sqrt(3.0 / 300);
        assertWithin(w, -bound, bound);
        double[] ms = meanStd(w);
        assertClose(0, ms[0], 0.01 * bound, 0, "mean");
        assertClose(bound / Math.sqrt(3), ms[1], 0, 0.02, "std");
        // the extremes are actually reached: the bound is not smaller than intended
        double max = Arrays.stream(w.toDoubleArray()).max().orElseThrow();
        assertTrue(max > 0.99 * bound, "max " + max + " should approach the bound " + bound);
    }

    @Test
    void kaimingNormalOnFanOutHasTheRightStd() {
        Tensor w = Init.kaimingNormal(0, FanMode.FAN_OUT, Nonlinearity.RELU, 3, DType.F64, CPU, CONV);
        assertEquals(DType.F64, w.dtype());
        double std = Math.sqrt(2) / Math.sqrt(64 * 27);
        double[] ms = meanStd(w);
        assertClose(0, ms[0], 0.02 * std, 0, "mean");
        assertClose(std, ms[1], 0, 0.02, "std");
    }

    @Test
    void kaimingLeakyReluUsesTheSlope() {
        Tensor w = Init.kaimingNormal(0.2, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, 4, DType.F32, CPU, LINEAR);
        assertClose(Math.sqrt(2 / 1.04) / Math.sqrt(300), meanStd(w)[1], 0, 0.02, "std");
        assertEquals(Math.sqrt(2 / 1.04) / Math.sqrt(300),
                Init.kaimingStd("t", 0.2, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, LINEAR), 1e-15);
    }

    @Test
    void xavierUniformAndNormal() {
        double std = Math.sqrt(2.0 / (864 + 1728));
        Tensor u = Init.xavierUniform(1.0, 5, DType.F32, CPU, CONV);
        assertWithin(u, -Math.sqrt(3) * std, Math.sqrt(3) * std);
        assertClose(std, meanStd(u)[1], 0, 0.02, "uniform std");
        Tensor n = Init.xavierNormal(Nonlinearity.TANH.gain(), 6, DType.F32, CPU, CONV);
        assertClose(5.0 / 3 * std, meanStd(n)[1], 0, 0.02, "normal std");
    }

    @Test
    void pytorchDefaultWeightIsUniformOverOneOverSqrtFanIn() {
        Tensor w = Init.defaultWeight(8, DType.F32, CPU, LINEAR);
        double bound = 1 / Math.sqrt(300);
        assertWithin(w, -bound, bound);
        assertClose(bound / Math.sqrt(3), meanStd(w)[1], 0, 0.02, "std");
        assertTrue(Arrays.stream(w.toDoubleArray()).min().orElseThrow() < -0.99 * bound);
    }

    @Test
    void pytorchDefaultBiasFollowsTheWeightsFanIn() {
        Tensor b = Init.defaultBias(new int[] {4096, 13, 3}, 9, DType.F32, CPU);   // Conv1d(13, 4096, 3)
        assertArrayEquals(new int[] {4096}, b.shape());
        double bound = 1 / Math.sqrt(39);
        assertWithin(b, -bound, bound);
        assertClose(bound / Math.sqrt(3), meanStd(b)[1], 0, 0.05, "std");   // 4096 draws: 1.1% standard error
        Tensor none = Init.defaultBias(new int[] {3, 0}, 9, DType.F32, CPU);
        assertArrayEquals(new float[3], none.toFloatArray());
    }

    @Test
    void uniformAndNormalHonourTheirParameters() {
        Tensor u = Init.uniform(2, 5, 10, DType.F64, CPU, 100_000);
        assertWithin(u, 2, 5);
        double[] ms = meanStd(u);
        assertClose(3.5, ms[0], 0.02, 0, "uniform mean");
        assertClose(3 / Math.sqrt(12), ms[1], 0, 0.02, "uniform std");
        Tensor n = Init.normal(-1, 0.5, 11, DType.F32, CPU, 100_000);
        double[] ns = meanStd(n);
        assertClose(-1, ns[0], 0.01, 0, "normal mean");
        assertClose(0.5, ns[1], 0, 0.02, "normal std");
    }

    @Test
    void constantsFillExactly() {
        assertArrayEquals(new float[6], Init.zeros(DType.F32, CPU, 2, 3).toFloatArray());
        assertArrayEquals(new double[] {1, 1}, Init.ones(DType.F64, CPU, 2).toDoubleArray());
        Tensor c = Init.constant(0.1, DType.F64, CPU, 2, 2);
        assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.1}, c.toDoubleArray());
        assertArrayEquals(new int[] {2, 2}, c.shape());
        assertEquals(0, Init.ones(DType.F32, CPU).dim());
    }

    @Test
    void sameSeedSameValuesDifferentSeedDifferentValues() {
        Tensor a = Init.kaimingUniform(0, FanMode.FAN_IN, Nonlinearity.RELU, 123, DType.F32, CPU, 16, 8, 3);
        Tensor b = Init.kaimingUniform(0, FanMode.FAN_IN, Nonlinearity.RELU, 123, DType.F32, CPU, 16, 8, 3);
        Tensor c = Init.kaimingUniform(0, FanMode.FAN_IN, Nonlinearity.RELU, 124, DType.F32, CPU, 16, 8, 3);
        assertArrayEquals(a.toFloatArray(), b.toFloatArray());
        assertFalse(Arrays.equals(a.toFloatArray(), c.toFloatArray()));
        // F64 and F32 draw the same stream: the F32 values are the rounded F64 ones
        Tensor d = Init.xavierNormal(1, 5, DType.F64, CPU, 8, 8);
        Tensor f = Init.xavierNormal(1, 5, DType.F32, CPU, 8, 8);
        double[] dv = d.toDoubleArray();
        float[] fv = f.toFloatArray();
        for (int i = 0; i < dv.length; i++) assertEquals((float) dv[i], fv[i], 0);
    }

    @Test
    void zeroElementWeightsAreLeftEmpty() {
        Tensor w = Init.kaimingUniform(0, FanMode.FAN_IN, Nonlinearity.RELU, 1, DType.F32, CPU, 0, 3);
        assertArrayEquals(new int[] {0, 3}, w.shape());
        assertEquals(0, w.numel());
        assertEquals(0, Init.xavierNormal(1, 1, DType.F32, CPU, 4, 0, 3).numel());
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> Init.kaimingUniform(0, FanMode.FAN_IN, Nonlinearity.RELU, 1, DType.F32, CPU, 10));
        assertTrue(rank.getMessage().startsWith("kaimingUniform:") && rank.getMessage().contains("[10]"), rank.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> Init.uniform(1, 0, 1, DType.F32, CPU, 3));
        assertTrue(range.getMessage().contains("uniform") && range.getMessage().contains("a <= b"), range.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Init.normal(0, -1, 1, DType.F32, CPU, 3));
        assertThrows(IllegalArgumentException.class, () -> Init.xavierUniform(Double.NaN, 1, DType.F32, CPU, 3, 3));
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class, () -> Init.zeros(DType.F32, CPU, 2, -1));
        assertTrue(neg.getMessage().contains("negative dimension"), neg.getMessage());
    }
}
