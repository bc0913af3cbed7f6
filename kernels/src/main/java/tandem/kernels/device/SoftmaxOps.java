package tandem.kernels.device;

import tandem.tensor.Shape;
import tandem.tensor.Tensor;

/** Softmax and log-softmax along one axis, with backward (softmax_fwd.cl, softmax_bwd.cl), over dense (outer, len, inner). */
final class SoftmaxOps {
    private SoftmaxOps() {}

    static Tensor forward(DeviceBackend b, Tensor x, int axis, boolean log) {
        String op = log ? "log_softmax" : "softmax";
        b.requireHere(op, x);
        int[] shape = x.shape();
        int a = Shape.axis(op, axis, shape.length);
        try (Scratch s = b.scratch()) {
            Tensor xd = s.dense(x);
            Tensor y = b.empty(x.dtype(), shape);
            long outer = outer(shape, a), inner = inner(shape, a);
            KernelArgs args = new KernelArgs().i32(log).i64(outer).i32(shape[a]).i64(inner).buffer(xd).buffer(y);
            b.launch("softmax_fwd", x.dtype(), args, Grid.linear(outer * inner));
            return y;
        }
    }

    static Tensor backward(DeviceBackend b, Tensor y, Tensor dy, int axis, boolean log) {
        String op = log ? "log_softmax_bwd" : "softmax_bwd";
        b.requireHere(op, y, dy);
        y.requireSameDeviceAndType(op, dy);
        int[] shape = y.shape();
        Shape.requireGradient(op, dy.shape(), shape);
        int a = Shape.axis(op, axis, shape.length);
        try (Scratch s = b.scratch()) {
            Tensor yd = s.dense(y), dyd = s.dense(dy);
            Tensor dx = b.empty(y.dtype(), shape);
            long outer = outer(shape, a), inner = inner(shape, a);
            KernelArgs args = new KernelArgs().i32(log).i64(outer).i32(shape[a]).i64(inner)
                    .buffer(yd).buffer(dyd).buffer(dx);
            b.launch("softmax_bwd", y.dtype(), args, Grid.linear(outer * inner));
            return dx;
        }
    }

    private static long outer(int[] shape, int axis) {
        long n = 1;
        for (int i = 0; i < axis; i++) n *= shape[i];
        return n;
    }

    private static long inner(int[] shape, int axis) {
        long n = 1;
        for (int i = axis + 1; i < shape.length; i++) n *= shape[i];
        return n;
    }
}
