package tandem.kernels.device;

import tandem.tensor.DType;
import tandem.tensor.Shape;
import tandem.tensor.Tensor;

/** copy, cast, fill and assign: the strided gather/scatter kernels (copy.cl, cast.cl, fill.cl). */
final class LayoutOps {
    private LayoutOps() {}

    static Tensor copy(DeviceBackend b, Tensor x) {
        b.requireHere("copy", x);
        Tensor y = b.empty(x.dtype(), x.shape());
        copyInto(b, "copy", y, x);
        return y;
    }

    /** dst (any view) = src (a view of the same shape; stride 0 where it broadcasts). */
    static void copyInto(DeviceBackend b, String op, Tensor dst, Tensor src) {
        int[] shape = dst.shape();
        KernelArgs args = new KernelArgs()
                .ints(Layouts.shape(op, shape))
                .ints(Layouts.strides(op, dst.strides())).i64(dst.offset())
                .ints(Layouts.strides(op, src.strides())).i64(src.offset())
                .buffer(dst).buffer(src).i64(dst.numel());
        b.launch("copy", dst.dtype(), args, Grid.linear(dst.numel()));
    }

    static Tensor cast(DeviceBackend b, Tensor x, DType dtype) {
        b.requireHere("cast", x);
        b.requireDType("cast", dtype);
        if (dtype == x.dtype()) return copy(b, x);
        Tensor y = b.empty(dtype, x.shape());
        String kernel = x.dtype() == DType.F32 ? "cast_f32_to_f64" : "cast_f64_to_f32";
        KernelArgs args = new KernelArgs()
                .ints(Layouts.shape("cast", x.shape()))
                .ints(Layouts.strides("cast", x.strides())).i64(x.offset())
                .buffer(x).buffer(y).i64(x.numel());
        b.launch(kernel, DType.F32, args, Grid.linear(x.numel()));
        return y;
    }

    static void fill(DeviceBackend b, Tensor dst, double value) {
        b.requireHere("fill", dst);
        KernelArgs args = new KernelArgs()
                .ints(Layouts.shape("fill", dst.shape()))
                .ints(Layouts.strides("fill", dst.strides())).i64(dst.offset())
                .real(value).buffer(dst).i64(dst.numel());
        b.launch("fill", dst.dtype(), args, Grid.linear(dst.numel()));
    }

    static void assign(DeviceBackend b, Tensor dst, Tensor src) {
        b.requireHere("assign", dst, src);
        dst.requireSameDeviceAndType("assign", src);
        int[] shape = dst.shape();
        Shape.requireBroadcastsTo("assign", src.shape(), shape);
        copyInto(b, "assign", dst, src.expand(shape));
    }
}
