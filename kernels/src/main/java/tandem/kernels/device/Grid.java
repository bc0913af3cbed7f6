package tandem.kernels.device;

import java.util.Arrays;

/**
 * Launch geometry in OpenCL terms: total work-items per dimension (a multiple of the group size) and the group size.
 * CUDA runs {@code global[d] / local[d]} blocks of {@code local[d]} threads.
 */
public record Grid(long[] global, int[] local) {
    /** Work-items per group of the one-dimensional kernels. */
    public static final int LINEAR_GROUP = 256;
    /** Work-group size of the kernels that reduce in local memory: TK_GROUP in tandem_dialect.h. */
    public static final int REDUCE_GROUP = 256;

    public Grid {
        if (global.length != local.length || global.length < 1 || global.length > 3) {
            throw new IllegalArgumentException("grid: global " + Arrays.toString(global) + " and local "
                    + Arrays.toString(local) + " must have the same rank 1..3");
        }
        for (int d = 0; d < global.length; d++) {
            if (local[d] < 1 || global[d] % local[d] != 0) {
                throw new IllegalArgumentException("grid: global size " + global[d] + " is not a multiple of group size "
                        + local[d] + " in dimension " + d);
            }
        }
    }

    /** One work-item per element of n. */
    public static Grid linear(long n) {
        return new Grid(new long[] {roundUp(n, LINEAR_GROUP)}, new int[] {LINEAR_GROUP});
    }

    /** {@code groups} work-groups of {@link #REDUCE_GROUP} items: one per output of a local-memory reduction. */
    public static Grid groups(long groups) {
        return new Grid(new long[] {groups * REDUCE_GROUP}, new int[] {REDUCE_GROUP});
    }

    /** The smallest power of two at least {@code n} (1 for n <= 1), capped at {@code max}: a group size that fits n items. */
    public static int powerOfTwoAtLeast(int n, int max) {
        int p = n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
        return Math.min(p, max);
    }

    public static long roundUp(long n, long multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }

    public int dims() { return global.length; }
}
