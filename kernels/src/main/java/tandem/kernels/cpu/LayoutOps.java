package tandem.kernels.cpu;

import static tandem.kernels.cpu.HostViews.adopt;
import static tandem.kernels.cpu.HostViews.outF32;
import static tandem.kernels.cpu.HostViews.read;
import static tandem.kernels.cpu.HostViews.view;
import static tandem.kernels.cpu.HostViews.wrap;
import static tandem.kernels.cpu.HostViews.write;

import java.util.Arrays;
import tandem.kernels.cpu.fast.StridedF32;
import tandem.tensor.DType;
import tandem.tensor.Shape;
import tandem.tensor.Tensor;

/** copy, cast, fill and assign on host views: strided F32 loops on the fast path, element by element on the reference. */
final class LayoutOps {
    private LayoutOps() {}

    static Tensor copy(CpuBackend b, Tensor x) {
        if (b.fast(x)) return adopt(b.device(), StridedF32.copy(view(x, x.shape()), x.shape(), outF32(x.shape())), x.shape());
        return wrap(b.device(), read(x), x.dtype(), x.shape());
    }

    static Tensor cast(CpuBackend b, Tensor x, DType dtype) { return wrap(b.device(), read(x), dtype, x.shape()); }

    static void fill(CpuBackend b, Tensor dst, double value) {
        if (b.fast(dst)) {
            StridedF32.assign(view(dst, dst.shape()), null, (float) value, dst.shape());
            return;
        }
        double[] v = new double[(int) dst.numel()];
        Arrays.fill(v, value);
        write(dst, v);
    }

    static void assign(CpuBackend b, Tensor dst, Tensor src) {
        dst.requireSameDeviceAndType("assign", src);
        Shape.requireBroadcastsTo("assign", src.shape(), dst.shape());
        if (b.fast(dst)) {
            // a snapshot of src first: dst and src may overlap (views of one storage)
            Tensor snapshot = copy(b, src);
            StridedF32.assign(view(dst, dst.shape()), view(snapshot, dst.shape()), 0f, dst.shape());
            return;
        }
        write(dst, read(src.expand(dst.shape())));
    }
}
