package tandem.tensor;

import java.util.Arrays;

/**
 * Which axes of a shape a reduction removes, checked once for every backend: distinct, in range, and exactly one
 * for ARGMAX and ARGMIN.
 */
public record ReduceSpec(boolean[] reduced, boolean keepDims) {
    public ReduceSpec {
        reduced = reduced.clone();
    }

    /** {@code axes} (non-negative) of a rank-{@code rank} input; {@code name} names the op in errors. */
    public static ReduceSpec of(String name, ReduceOp op, int rank, int[] axes, boolean keepDims) {
        if ((op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN) && axes.length != 1) {
            throw new IllegalArgumentException(name + ": needs exactly one axis, got " + Arrays.toString(axes));
        }
        boolean[] reduced = new boolean[rank];
        for (int a : axes) {
            if (a < 0 || a >= rank) throw new IllegalArgumentException(name + ": axis " + a + " out of range for rank " + rank);
            if (reduced[a]) throw new IllegalArgumentException(name + ": axis " + a + " repeated in " + Arrays.toString(axes));
            reduced[a] = true;
        }
        return new ReduceSpec(reduced, keepDims);
    }

    public boolean isReduced(int axis) { return reduced[axis]; }

    /** The result's shape: reduced axes dropped, or kept as 1 with {@code keepDims}. */
    public int[] outputShape(int[] shape) {
        int kept = 0;
        for (boolean r : reduced) if (!r) kept++;
        int[] out = new int[keepDims ? shape.length : kept];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (!reduced[i]) out[j++] = shape[i];
            else if (keepDims) out[j++] = 1;
        }
        return out;
    }

    @Override
    public boolean equals(Object o) { return o instanceof ReduceSpec s && Arrays.equals(reduced, s.reduced) && keepDims == s.keepDims; }

    @Override
    public int hashCode() { return Arrays.hashCode(reduced) * 2 + (keepDims ? 1 : 0); }

    @Override
    public String toString() { return "ReduceSpec[reduced=" + Arrays.toString(reduced) + ", keepDims=" + keepDims + "]"; }
}
