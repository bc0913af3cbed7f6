package tandem.kernels.device;

import java.util.Locale;
import tandem.tensor.BinaryOp;
import tandem.tensor.Shape;
import tandem.tensor.Tensor;
import tandem.tensor.UnaryOp;

/** unary, binary (broadcasting) and where: unary.cl, binary.cl, where.cl. Outputs are contiguous. */
final class ElementwiseOps {
    private ElementwiseOps() {}

    static Tensor unary(DeviceBackend b, UnaryOp op, Tensor x, double param) {
        String name = op.name().toLowerCase(Locale.ROOT);
        b.requireHere(name, x);
        Tensor y = b.empty(x.dtype(), x.shape());
        KernelArgs args = new KernelArgs()
                .i32(op.ordinal()).real(param)
                .ints(Layouts.shape(name, x.shape()))
                .ints(Layouts.strides(name, x.strides())).i64(x.offset())
                .buffer(x).buffer(y).i64(x.numel());
        b.launch("unary", x.dtype(), args, Grid.linear(x.numel()));
        return y;
    }

    static Tensor binary(DeviceBackend b, BinaryOp op, Tensor x, Tensor z) {
        String name = op.name().toLowerCase(Locale.ROOT);
        b.requireHere(name, x, z);
        x.requireSameDeviceAndType(name, z);
        int[] shape = Shape.broadcast(name, x.shape(), z.shape());
        Tensor xe = x.expand(shape), ze = z.expand(shape);
        Tensor y = b.empty(x.dtype(), shape);
        KernelArgs args = new KernelArgs()
                .i32(op.ordinal())
                .ints(Layouts.shape(name, shape))
                .ints(Layouts.strides(name, xe.strides())).i64(xe.offset())
                .ints(Layouts.strides(name, ze.strides())).i64(ze.offset())
                .buffer(xe).buffer(ze).buffer(y).i64(y.numel());
        b.launch("binary", x.dtype(), args, Grid.linear(y.numel()));
        return y;
    }

    static Tensor where(DeviceBackend b, Tensor cond, Tensor x, Tensor z) {
        b.requireHere("where", cond, x, z);
        x.requireSameDeviceAndType("where", z);
        int[] shape = Shape.broadcast("where", Shape.broadcast("where", cond.shape(), x.shape()), z.shape());
        try (Scratch s = b.scratch()) {
            Tensor c = s.as(cond, x.dtype()).expand(shape);
            Tensor xe = x.expand(shape), ze = z.expand(shape);
            Tensor y = b.empty(x.dtype(), shape);
            KernelArgs args = new KernelArgs()
                    .ints(Layouts.shape("where", shape))
                    .ints(Layouts.strides("where", c.strides())).i64(c.offset())
                    .ints(Layouts.strides("where", xe.strides())).i64(xe.offset())
                    .ints(Layouts.strides("where", ze.strides())).i64(ze.offset())
                    .buffer(c).buffer(xe).buffer(ze).buffer(y).i64(y.numel());
            b.launch("where", x.dtype(), args, Grid.linear(y.numel()));
            return y;
        }
    }
}
