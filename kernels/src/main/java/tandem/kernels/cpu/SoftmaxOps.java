package tandem.kernels.cpu;

import static tandem.kernels.cpu.HostViews.read;
import static tandem.kernels.cpu.HostViews.wrap;

import tandem.kernels.cpu.ref.SoftmaxRef;
import tandem.tensor.Shape;
import tandem.tensor.Tensor;

/** Softmax and log-softmax with backward, on their references for every dtype. */
final class SoftmaxOps {
    private SoftmaxOps() {}

    static Tensor forward(CpuBackend b, Tensor x, int axis, boolean log) {
        return wrap(b.device(), SoftmaxRef.forward(read(x), x.shape(), axis, log), x.dtype(), x.shape());
    }

    static Tensor backward(CpuBackend b, Tensor y, Tensor dy, int axis, boolean log) {
        String op = log ? "log_softmax_bwd" : "softmax_bwd";
        y.requireSameDeviceAndType(op, dy);
        Shape.requireGradient(op, dy.shape(), y.shape());
        return wrap(b.device(), SoftmaxRef.backward(read(y), read(dy), y.shape(), axis, log), y.dtype(), y.shape());
    }
}
