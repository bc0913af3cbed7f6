package tandem.kernels.cpu.ref;

import org.junit.jupiter.api.Test;
import tandem.kernels.cpu.Checks;
import tandem.tensor.PoolSpec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tandem.kernels.cpu.Checks.assertClose;
import static tandem.kernels.cpu.Checks.dot;
import static tandem.kernels.cpu.Checks.numel;
import static tandem.kernels.cpu.Checks.random;

class PoolRefTest {
    private static final int[] ROW = {1, 1, 5};
    // kernel 3, stride 2, padding 1 over 5 cells: windows {pad, 0, 1}, {1, 2, 3}, {3, 4, pad}
    private static final PoolSpec PADDED = new PoolSpec(new int[] {3}, new int[] {2}, new int[] {1}, true);
    private static final PoolSpec PADDED_EXCLUDED = new PoolSpec(new int[] {3}, new int[] {2}, new int[] {1}, false);

    @Test
    void maxPoolingByHandPadsWithMinusInfinity() {
        assertArrayEquals(new double[] {2, 4, 5}, PoolRef.maxForward(new double[] {1, 2, 3, 4, 5}, ROW, PADDED), 0);
        // all negative: a zero pad would win, -infinity does not
        assertArrayEquals(new double[] {-1, -2, -4}, PoolRef.maxForward(new double[] {-1, -2, -3, -4, -5}, ROW, PADDED), 0);
        double[] grid = {1, 5, 2, 0, 3, 4, 8, 7, 6, 9, 1, 2, 0, 0, 3, 3};
        assertArrayEquals(new double[] {5, 8, 9, 3}, PoolRef.maxForward(grid, new int[] {1, 1, 4, 4}, PoolSpec.of(2, 2, 2, 0)), 0);
    }

    @Test
    void averagePoolingByHandWithAndWithoutPaddingInTheCount() {
        double[] x = {1, 2, 3, 4, 5};
        assertArrayEquals(new double[] {1, 3, 3}, PoolRef.avgForward(x, ROW, PADDED), 1e-15);
        assertArrayEquals(new double[] {1.5, 3, 4.5}, PoolRef.avgForward(x, ROW, PADDED_EXCLUDED), 1e-15);
        double[] dy = {3, 6, 9};
        assertArrayEquals(new double[] {1, 1 + 2, 2, 2 + 3, 3}, PoolRef.avgBackward(dy, PADDED, ROW), 1e-15);
        assertArrayEquals(new double[] {1.5, 1.5 + 2, 2, 2 + 4.5, 4.5}, PoolRef.avgBackward(dy, PADDED_EXCLUDED, ROW), 1e-15);
    }

    @Test
    void maxBackwardRoutesToTheFirstMaximumAndAccumulatesOverlaps() {
        PoolSpec overlapping = new PoolSpec(new int[] {2}, new int[] {1}, new int[] {0}, true);
        // every window is a tie: its first cell wins; cells 1 and 2 are first in two windows each
        assertArrayEquals(new double[] {1, 10, 100, 0},
                PoolRef.maxBackward(new double[] {7, 7, 7, 7}, new int[] {1, 1, 4}, new double[] {1, 10, 100}, overlapping), 0);
        assertArrayEquals(new double[] {0, 1 + 10, 0, 100},
                PoolRef.maxBackward(new double[] {0, 5, 1, 2}, new int[] {1, 1, 4}, new double[] {1, 10, 100}, overlapping), 0);
    }

    @Test
    void threeDimensionalPoolingWithDepthOneKernelIsPlanarPoolingPerSlice() {
        int[] xs = {2, 3, 4, 5, 6};
        double[] x = random(11, numel(xs));
        PoolSpec spec3 = new PoolSpec(new int[] {1, 3, 2}, new int[] {1, 2, 2}, new int[] {0, 1, 1}, false);
        PoolSpec spec2 = new PoolSpec(new int[] {3, 2}, new int[] {2, 2}, new int[] {1, 1}, false);
        // (B, C, D, H, W) contiguous is (B * C * D, 1, H, W) for planar pooling
        int[] planar = {2 * 3 * 4, 1, 5, 6};
        assertArrayEquals(PoolRef.maxForward(x, planar, spec2), PoolRef.maxForward(x, xs, spec3), 0);
        assertArrayEquals(PoolRef.avgForward(x, planar, spec2), PoolRef.avgForward(x, xs, spec3), 0);
    }

    @Test
    void gradientsMatchFiniteDifferencesInThreeDimensions() {
        int[] xs = {2, 2, 3, 4, 5};
        PoolSpec spec = new PoolSpec(new int[] {2, 3, 2}, new int[] {1, 2, 2}, new int[] {1, 1, 0}, true);
        int[] ys = spec.outputShape("test", xs);
        // distinct values so the max is unique and locally differentiable
        double[] x = random(12, numel(xs)), dy = random(13, numel(ys));
        for (PoolSpec s : new PoolSpec[] {spec, new PoolSpec(spec.kernel(), spec.stride(), spec.padding(), false)}) {
            double[] numAvg = Checks.numericGradient(v -> dot(PoolRef.avgForward(v, xs, s), dy), x, 1e-6);
            assertClose(numAvg, PoolRef.avgBackward(dy, s, xs), 1e-8, 1e-6, "avg pool gradient " + s);
        }
        double[] numMax = Checks.numericGradient(v -> dot(PoolRef.maxForward(v, xs, spec), dy), x, 1e-6);
        assertClose(numMax, PoolRef.maxBackward(x, xs, dy, spec), 1e-8, 1e-6, "max pool gradient");
    }

    @Test
    void badShapesNameTheOpAndTheShapes() {
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> PoolRef.maxForward(new double[16], new int[] {1, 4, 4}, PoolSpec.of(2, 2, 2, 0)));
        assertTrue(rank.getMessage().contains("max_pool") && rank.getMessage().contains("[1, 4, 4]"), rank.getMessage());
        IllegalArgumentException grad = assertThrows(IllegalArgumentException.class,
                () -> PoolRef.avgBackward(new double[3], PoolSpec.of(1, 2, 2, 0), new int[] {1, 1, 4}));
        assertTrue(grad.getMessage().contains("avg_pool_bwd") && grad.getMessage().contains("[1, 1, 4]")
                && grad.getMessage().contains("[1, 1, 2]"), grad.getMessage());
    }
}
