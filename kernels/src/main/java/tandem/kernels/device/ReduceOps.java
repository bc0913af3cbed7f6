package tandem.kernels.device;

import java.util.Arrays;
import java.util.Locale;
import tandem.tensor.ReduceOp;
import tandem.tensor.Tensor;

/**
 * Reductions over a set of axes (reduce.cl). The input view is permuted so the kept axes come first and the reduced
 * ones last; output o then reduces a run of r consecutive row-major elements of that view, wherever they lie.
 */
final class ReduceOps {
    /** Up to this many elements per output, one work-item per output is fast enough and wastes no group. */
    private static final long SERIAL_MAX = 64;
    /** With this many outputs there is parallelism enough without splitting each reduction over a group. */
    private static final long SERIAL_OUTPUTS = 8192;

    private ReduceOps() {}

    static Tensor reduce(DeviceBackend b, ReduceOp op, Tensor x, int[] axes, boolean keepDims) {
        String name = op.name().toLowerCase(Locale.ROOT);
        b.requireHere(name, x);
        int[] shape = x.shape();
        boolean[] reduced = reducedMask(name, op, shape.length, axes);
        int[] perm = new int[shape.length];
        int k = 0;
        long nOut = 1, r = 1;
        for (int i = 0; i < shape.length; i++) if (!reduced[i]) { perm[k++] = i; nOut *= shape[i]; }
        for (int i = 0; i < shape.length; i++) if (reduced[i]) { perm[k++] = i; r *= shape[i]; }
        Tensor xp = x.permute(perm);
        Tensor y = b.empty(x.dtype(), outputShape(shape, reduced, keepDims));
        boolean serial = r <= SERIAL_MAX || nOut >= SERIAL_OUTPUTS;
        KernelArgs args = new KernelArgs()
                .i32(op.ordinal())
                .ints(Layouts.shape(name, xp.shape()))
                .ints(Layouts.strides(name, xp.strides())).i64(xp.offset());
        if (serial) {
            args.i64(nOut).i64(r).buffer(xp).buffer(y);
            b.launch("reduce_serial", x.dtype(), args, Grid.linear(nOut));
        } else {
            args.i64(r).buffer(xp).buffer(y);
            b.launch("reduce", x.dtype(), args, Grid.groups(nOut));
        }
        return y;
    }

    private static boolean[] reducedMask(String name, ReduceOp op, int rank, int[] axes) {
        if ((op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN) && axes.length != 1) {
            throw new IllegalArgumentException(name + ": needs exactly one axis, got " + Arrays.toString(axes));
        }
        boolean[] reduced = new boolean[rank];
        for (int a : axes) {
            if (a < 0 || a >= rank) throw new IllegalArgumentException(name + ": axis " + a + " out of range for rank " + rank);
            if (reduced[a]) throw new IllegalArgumentException(name + ": axis " + a + " repeated in " + Arrays.toString(axes));
            reduced[a] = true;
        }
        return reduced;
    }

    static int[] outputShape(int[] shape, boolean[] reduced, boolean keepDims) {
        int kept = 0;
        for (boolean r : reduced) if (!r) kept++;
        int[] out = new int[keepDims ? shape.length : kept];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (!reduced[i]) out[j++] = shape[i];
            else if (keepDims) out[j++] = 1;
        }
        return out;
    }
}
