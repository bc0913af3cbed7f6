package tandem.kernels.cpu;

import static tandem.kernels.cpu.HostViews.adopt;
import static tandem.kernels.cpu.HostViews.outF32;
import static tandem.kernels.cpu.HostViews.read;
import static tandem.kernels.cpu.HostViews.view;
import static tandem.kernels.cpu.HostViews.wrap;

import tandem.kernels.cpu.fast.StridedF32;
import tandem.kernels.cpu.ref.ElementwiseRef;
import tandem.tensor.BinaryOp;
import tandem.tensor.Shape;
import tandem.tensor.Tensor;
import tandem.tensor.UnaryOp;

/** unary, binary (NumPy broadcasting) and where: {@link StridedF32} for F32, {@link ElementwiseRef} otherwise. */
final class ElementwiseOps {
    private ElementwiseOps() {}

    static Tensor unary(CpuBackend b, UnaryOp op, Tensor x, double param) {
        if (b.fast(x)) {
            return adopt(b.device(), StridedF32.unary(op, (float) param, view(x, x.shape()), x.shape(), outF32(x.shape())), x.shape());
        }
        double[] v = read(x);
        for (int i = 0; i < v.length; i++) v[i] = ElementwiseRef.unary(op, v[i], param);
        return wrap(b.device(), v, x.dtype(), x.shape());
    }

    static Tensor binary(CpuBackend b, BinaryOp op, Tensor x, Tensor y) {
        String name = op.name().toLowerCase();
        x.requireSameDeviceAndType(name, y);
        int[] shape = Shape.broadcast(name, x.shape(), y.shape());
        if (b.fast(x)) return adopt(b.device(), StridedF32.binary(op, view(x, shape), view(y, shape), shape, outF32(shape)), shape);
        double[] u = read(x.expand(shape)), v = read(y.expand(shape));
        for (int i = 0; i < u.length; i++) u[i] = ElementwiseRef.binary(op, u[i], v[i]);
        return wrap(b.device(), u, x.dtype(), shape);
    }

    static Tensor where(CpuBackend b, Tensor cond, Tensor x, Tensor y) {
        x.requireSameDeviceAndType("where", y);
        int[] shape = Shape.broadcast("where", Shape.broadcast("where", cond.shape(), x.shape()), y.shape());
        double[] c = read(cond.expand(shape)), u = read(x.expand(shape)), v = read(y.expand(shape));
        for (int i = 0; i < u.length; i++) u[i] = c[i] != 0 ? u[i] : v[i];
        return wrap(b.device(), u, x.dtype(), shape);
    }
}
