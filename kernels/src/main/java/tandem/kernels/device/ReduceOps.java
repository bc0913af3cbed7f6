package tandem.kernels.device;

import java.util.Locale;
import tandem.tensor.ReduceOp;
import tandem.tensor.ReduceSpec;
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
        ReduceSpec spec = ReduceSpec.of(name, op, shape.length, axes, keepDims);
        int[] perm = new int[shape.length];
        int k = 0;
        long nOut = 1, r = 1;
        for (int i = 0; i < shape.length; i++) if (!spec.isReduced(i)) { perm[k++] = i; nOut *= shape[i]; }
        for (int i = 0; i < shape.length; i++) if (spec.isReduced(i)) { perm[k++] = i; r *= shape[i]; }
        Tensor xp = x.permute(perm);
        Tensor y = b.empty(x.dtype(), spec.outputShape(shape));
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
}
