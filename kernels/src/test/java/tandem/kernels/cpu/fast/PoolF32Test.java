package tandem.kernels.cpu.fast;

import org.junit.jupiter.api.Test;
import tandem.kernels.cpu.CpuBackend;
import tandem.kernels.cpu.ref.PoolRef;
import tandem.tensor.DType;
import tandem.tensor.PoolSpec;
import tandem.tensor.Tensor;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tandem.kernels.cpu.fast.BatchNormF32Test.assertClose;
import static tandem.kernels.cpu.fast.BatchNormF32Test.floats;
import static tandem.kernels.cpu.fast.BatchNormF32Test.wide;

/**
 * The F32 pooling kernels against the double reference on the same values. Max forward picks an input value, so it
 * must equal the reference exactly; max backward sums dy values in float (atol 1e-6, rtol 1e-6 against the double
 * sums); average pooling within 1e-6 + 1e-5 |ref|.
 */
class PoolF32Test {
    private record Case(int[] xShape, PoolSpec spec) {
        @Override
        public String toString() { return Arrays.toString(xShape) + " " + spec; }
    }

    private static PoolSpec spec(int[] k, int[] s, int[] p, boolean countPad) { return new PoolSpec(k, s, p, countPad); }

    private static final Case[] CASES = {
            new Case(new int[] {2, 3, 13}, spec(new int[] {3}, new int[] {2}, new int[] {1}, true)),
            new Case(new int[] {1, 1, 7}, spec(new int[] {2}, new int[] {3}, new int[] {0}, true)),          // stride > kernel
            new Case(new int[] {3, 2, 11}, spec(new int[] {5}, new int[] {1}, new int[] {2}, false)),        // overlapping
            new Case(new int[] {1, 1, 1}, spec(new int[] {1}, new int[] {1}, new int[] {0}, true)),
            new Case(new int[] {2, 3, 7, 5}, spec(new int[] {3, 2}, new int[] {2, 1}, new int[] {1, 1}, false)),
            new Case(new int[] {2, 3, 5, 7, 11}, spec(new int[] {3, 3, 3}, new int[] {2, 2, 2}, new int[] {1, 1, 1}, true)),
            new Case(new int[] {1, 2, 3, 7, 5}, spec(new int[] {3, 2, 4}, new int[] {1, 3, 2}, new int[] {1, 0, 2}, false)),
            new Case(new int[] {3, 1, 1, 1, 2}, spec(new int[] {1, 1, 2}, new int[] {1, 1, 1}, new int[] {0, 0, 1}, true)),
            new Case(new int[] {4, 5, 9, 17, 19}, spec(new int[] {3, 3, 3}, new int[] {2, 2, 2}, new int[] {1, 1, 1}, false)), // parallel
    };

    @Test
    void maxPoolingMatchesTheReference() {
        long seed = 1;
        for (Case c : CASES) {
            float[] x = floats(seed++, count(c.xShape), 0, 1);
            checkMax(c, x, floats(seed++, outCount(c), 0, 1));
        }
    }

    @Test
    void averagePoolingMatchesTheReference() {
        long seed = 50;
        for (Case c : CASES) {
            float[] x = floats(seed++, count(c.xShape), 0, 1);
            float[] got = PoolF32.avgForward(x, c.xShape, c.spec, filled(outCount(c)));
            assertClose(PoolRef.avgForward(wide(x), c.xShape, c.spec), got, 1e-6, 1e-5, "avg forward " + c);
            float[] dy = floats(seed++, outCount(c), 0, 1);
            float[] dx = PoolF32.avgBackward(dy, c.spec, c.xShape, filled(count(c.xShape)));
            assertClose(PoolRef.avgBackward(wide(dy), c.spec, c.xShape), dx, 1e-6, 1e-5, "avg backward " + c);
        }
    }

    @Test
    void tiesGoToTheFirstMaximum() {
        // three values only: nearly every window holds a tie; integer dy keeps every gradient sum exact
        SplittableRandom r = new SplittableRandom(9);
        for (Case c : CASES) {
            float[] x = new float[count(c.xShape)];
            for (int i = 0; i < x.length; i++) x[i] = r.nextInt(3);
            float[] dy = new float[outCount(c)];
            for (int i = 0; i < dy.length; i++) dy[i] = 1 + r.nextInt(100);
            checkMax(c, x, dy);
        }
    }

    @Test
    void nanPropagatesAndMinusInfinityBeatsPadding() {
        long seed = 200;
        for (Case c : CASES) {
            float[] x = floats(seed++, count(c.xShape), 0, 1);
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = 0; i < x.length; i++) {
                double u = r.nextDouble();
                if (u < 0.05) x[i] = Float.NaN;
                else if (u < 0.4) x[i] = Float.NEGATIVE_INFINITY;
            }
            checkMax(c, x, floats(seed, outCount(c), 0, 1));
        }
        // a padded window of real -infinity cells still takes its first real cell, not a pad
        PoolSpec padded = spec(new int[] {3}, new int[] {2}, new int[] {1}, true);
        float[] x = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1f, 2f};
        assertArrayEquals(new float[] {Float.NEGATIVE_INFINITY, Float.NaN, 2f}, PoolF32.maxForward(x, new int[] {1, 1, 5}, padded, new float[3]));
        assertArrayEquals(new float[] {1f, 0f, 10f, 0f, 100f},
                PoolF32.maxBackward(x, new int[] {1, 1, 5}, new float[] {1f, 10f, 100f}, padded, filled(5)));
    }

    @Test
    void backendRoutesF32HereWithStridedInputs() {
        CpuBackend cpu = new CpuBackend();
        PoolSpec spec = spec(new int[] {3, 2, 3}, new int[] {2, 2, 1}, new int[] {1, 1, 0}, false);
        // stored (B, D, H, W, C), used as the permuted view (B, C, D, H, W)
        Tensor x = Tensor.of(floats(300, 2 * 5 * 6 * 7 * 3, 0, 1), 2, 5, 6, 7, 3).permute(0, 4, 1, 2, 3);
        Tensor x64 = x.to(DType.F64);
        assertTrue(!x.isDense(), "input is a strided view");

        Tensor yMax = cpu.maxPoolForward(x, spec), yAvg = cpu.avgPoolForward(x, spec);
        assertEquals(DType.F32, yMax.dtype());
        assertArrayEquals(new int[] {2, 3, 3, 4, 5}, yMax.shape());
        assertArrayEquals(cpu.maxPoolForward(x64, spec).toDoubleArray(), wide(yMax.toFloatArray()), 0, "max forward");
        assertClose(cpu.avgPoolForward(x64, spec).toDoubleArray(), yAvg.toFloatArray(), 1e-6, 1e-5, "avg forward");

        Tensor dy = Tensor.of(floats(301, 2 * 3 * 3 * 5 * 4, 0, 1), 2, 3, 3, 5, 4).transpose(3, 4);   // strided (2, 3, 3, 4, 5)
        Tensor dy64 = dy.to(DType.F64);
        assertClose(cpu.maxPoolBackward(x64, dy64, spec).toDoubleArray(), cpu.maxPoolBackward(x, dy, spec).toFloatArray(),
                1e-6, 1e-6, "max backward");
        int[] xs = x.shape();
        assertClose(cpu.avgPoolBackward(dy64, spec, xs).toDoubleArray(), cpu.avgPoolBackward(dy, spec, xs).toFloatArray(),
                1e-6, 1e-5, "avg backward");
    }

    @Test
    void badInputIsNamed() {
        PoolSpec spec = PoolSpec.of(1, 2, 2, 0);
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> PoolF32.maxForward(new float[5], new int[] {1, 1, 6}, spec, new float[3]));
        assertTrue(length.getMessage().contains("max_pool") && length.getMessage().contains("[1, 1, 6]"), length.getMessage());
        IllegalArgumentException grad = assertThrows(IllegalArgumentException.class,
                () -> PoolF32.avgBackward(new float[2], spec, new int[] {1, 1, 6}, new float[6]));
        assertTrue(grad.getMessage().contains("avg_pool_bwd") && grad.getMessage().contains("pools to"), grad.getMessage());
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> PoolF32.maxBackward(new float[6], new int[] {6}, new float[3], spec, new float[6]));
        assertTrue(rank.getMessage().contains("max_pool_bwd"), rank.getMessage());
    }

    /** Max forward exactly equal to the reference (NaN where it has NaN), max backward to float rounding. */
    private static void checkMax(Case c, float[] x, float[] dy) {
        double[] wantY = PoolRef.maxForward(wide(x), c.xShape, c.spec);
        float[] y = PoolF32.maxForward(x, c.xShape, c.spec, filled(outCount(c)));
        for (int i = 0; i < y.length; i++) {
            assertTrue(Double.compare(wantY[i], y[i]) == 0, "max forward " + c + " at " + i + ": " + y[i] + " vs " + wantY[i]);
        }
        float[] dx = PoolF32.maxBackward(x, c.xShape, dy, c.spec, filled(x.length));
        assertClose(PoolRef.maxBackward(wide(x), c.xShape, wide(dy), c.spec), dx, 1e-6, 1e-6, "max backward " + c);
    }

    /** An output array full of garbage, so a kernel that skips an element is caught. */
    private static float[] filled(int n) {
        float[] a = new float[n];
        Arrays.fill(a, 12345f);
        return a;
    }

    private static int count(int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    private static int outCount(Case c) { return count(c.spec.outputShape("test", c.xShape)); }
}
