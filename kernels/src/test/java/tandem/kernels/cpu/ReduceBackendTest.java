package tandem.kernels.cpu;

import org.junit.jupiter.api.Test;
import tandem.tensor.ReduceOp;
import tandem.tensor.Tensor;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static tandem.kernels.cpu.Checks.assertClose;

class ReduceBackendTest {
    private static final int[] SHAPE = {2, 3, 4};
    private static final int[][] AXIS_SETS = {{0}, {1}, {2}, {0, 2}, {1, 2}, {0, 1}, {0, 1, 2}};

    @Test
    void sumMeanMaxMinOverSeveralAxesWithAndWithoutKeepDims() {
        double[] v = Checks.random(5, 24);
        Tensor x = Tensor.of(v, SHAPE);
        for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.MEAN, ReduceOp.MAX, ReduceOp.MIN}) {
            for (int[] axes : AXIS_SETS) {
                for (boolean keep : new boolean[] {false, true}) {
                    Tensor y = x.reduce(op, keep, axes);
                    String what = op + " over " + Arrays.toString(axes) + (keep ? " keepDims" : "");
                    assertArrayEquals(expectedShape(axes, keep), y.shape(), what + " shape");
                    assertClose(expected(op, v, axes), y.toDoubleArray(), 1e-15, 1e-14, what);
                }
            }
        }
    }

    /** Brute force: for each output cell, scan the whole input for the elements that fold into it. */
    private static double[] expected(ReduceOp op, double[] v, int[] axes) {
        boolean[] reduced = new boolean[3];
        for (int a : axes) reduced[a] = true;
        int[] out = SHAPE.clone();
        for (int a : axes) out[a] = 1;
        double[] result = new double[out[0] * out[1] * out[2]];
        for (int o = 0; o < result.length; o++) {
            int[] oi = {o / (out[1] * out[2]), o / out[2] % out[1], o % out[2]};
            double acc = op == ReduceOp.MAX ? Double.NEGATIVE_INFINITY : op == ReduceOp.MIN ? Double.POSITIVE_INFINITY : 0;
            int count = 0;
            for (int i = 0; i < 24; i++) {
                int[] ii = {i / 12, i / 4 % 3, i % 4};
                boolean hit = true;
                for (int a = 0; a < 3; a++) hit &= reduced[a] || ii[a] == oi[a];
                if (!hit) continue;
                count++;
                acc = switch (op) {
                    case MAX -> Math.max(acc, v[i]);
                    case MIN -> Math.min(acc, v[i]);
                    default -> acc + v[i];
                };
            }
            result[o] = op == ReduceOp.MEAN ? acc / count : acc;
        }
        return result;
    }

    private static int[] expectedShape(int[] axes, boolean keep) {
        int[] s = SHAPE.clone();
        for (int a : axes) s[a] = keep ? 1 : -1;
        return Arrays.stream(s).filter(d -> d >= 0).toArray();
    }

    @Test
    void argmaxPicksTheFirstOfTiedMaximaAndTakesNegativeAxes() {
        Tensor x = Tensor.of(new double[] {1, 5, 5, 0, 9, 2, 9, 9}, 2, 4);
        assertArrayEquals(new double[] {1, 0}, x.argmax(-1).toDoubleArray(), 0);
        assertArrayEquals(new double[] {1, 0, 1, 1}, x.argmax(0).toDoubleArray(), 0);
        assertArrayEquals(new double[] {3, 1}, x.reduce(ReduceOp.ARGMIN, false, 1).toDoubleArray(), 0);
    }

    @Test
    void sumOfAllElementsIsZeroDimensional() {
        Tensor s = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).sum();
        assertEquals(0, s.dim());
        assertEquals(21, s.item(), 0);
        assertArrayEquals(new int[] {1, 1}, Tensor.ones(2, 3).sum(true, 0, 1).shape());
    }
}
