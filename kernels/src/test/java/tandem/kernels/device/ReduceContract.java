package tandem.kernels.device;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tandem.tensor.DType;
import tandem.tensor.ReduceOp;
import tandem.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reductions over axis sets, both kernels (one item per output, one group per output), arg ties and NaN. */
public interface ReduceContract extends DeviceFixture {
    Tolerance F32 = new Tolerance(1e-5, 1e-5);
    Tolerance F64 = new Tolerance(1e-12, 1e-12);

    @Test
    default void everyReductionOverEveryAxisSetMatches() {
        int[][] axisSets = {{0}, {1}, {2}, {0, 2}, {1, 2}, {0, 1, 2}};
        for (DType dt : dtypes()) {
            Pair x = Pair.normal(device(), dt, 21, 7, 5, 3).view(t -> t.permute(2, 0, 1)); // (3, 7, 5), strided
            for (ReduceOp op : ReduceOp.values()) {
                for (int[] axes : axisSets) {
                    boolean arg = op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN;
                    if (arg && axes.length != 1) continue;
                    for (boolean keep : new boolean[] {false, true}) {
                        String what = op + " axes " + Arrays.toString(axes) + " keep " + keep + " " + dt;
                        Tolerance.of(dt, F32, F64).check(what, device(), backend().reduce(op, x.dev(), axes, keep),
                                cpu().reduce(op, x.cpu(), axes, keep));
                    }
                }
            }
        }
    }

    @Test
    default void longReductionsUseWorkGroupsAndStillMatch() {
        for (DType dt : dtypes()) {
            Pair x = Pair.normal(device(), dt, 22, 3, 1031); // r = 1031 > the serial limit, few outputs
            for (ReduceOp op : ReduceOp.values()) {
                Tolerance.of(dt, F32, F64).check("long " + op + " " + dt, device(), backend().reduce(op, x.dev(), new int[] {1}, false),
                        cpu().reduce(op, x.cpu(), new int[] {1}, false));
            }
            Pair all = Pair.normal(device(), dt, 23, 17, 19, 13);
            Tolerance.of(dt, F32, F64).check("sum of all " + dt, device(), backend().reduce(ReduceOp.SUM, all.dev(), new int[] {0, 1, 2}, false),
                    cpu().reduce(ReduceOp.SUM, all.cpu(), new int[] {0, 1, 2}, false));
        }
    }

    @Test
    default void argReductionsPickTheFirstExtremeAndNaN() {
        float nan = Float.NaN;
        // row 0: ties at 1 and 3; row 1: NaN at 2 and 4; rows long enough (300) for the group kernel in a second case
        Tensor small = Tensor.of(new float[] {1, 5, 2, 5, 0, 3, 1, nan, 0, nan}, 2, 5);
        float[] longRow = new float[300];
        for (int i = 0; i < longRow.length; i++) longRow[i] = i % 7;
        longRow[123] = 9;
        longRow[250] = 9;
        Tensor big = Tensor.of(longRow, 1, 300);
        for (Tensor t : new Tensor[] {small, big}) {
            Pair p = Pair.of(device(), t);
            for (ReduceOp op : ReduceOp.values()) {
                Tolerance.EXACT.check(op + " ties/NaN " + Arrays.toString(t.shape()), device(),
                        backend().reduce(op, p.dev(), new int[] {1}, false), cpu().reduce(op, p.cpu(), new int[] {1}, false));
            }
        }
    }

    @Test
    default void argReductionNeedsOneAxis() {
        Tensor x = Pair.normal(device(), DType.F32, 24, 2, 3).dev();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend().reduce(ReduceOp.ARGMAX, x, new int[] {0, 1}, false));
        assertTrue(e.getMessage().contains("argmax"), e.getMessage());
    }
}
