package tandem.kernels.device;

import java.util.Arrays;
import tandem.tensor.Shape;
import tandem.tensor.Tensor;

/** Fused optimizer updates in place over dense parameter and state tensors (sgd_momentum.cl, adam.cl). */
final class OptimizerOps {
    private OptimizerOps() {}

    /** PyTorch's SGD with momentum: see sgd_momentum.cl for the exact update. */
    static void sgdMomentum(DeviceBackend b, Tensor p, Tensor g, Tensor buf, double lr, double momentum,
                            double dampening, double weightDecay, boolean nesterov, boolean firstStep) {
        requireDenseAlike(b, "sgd_momentum", p, g, buf);
        KernelArgs args = new KernelArgs().acc(lr).acc(momentum).acc(dampening).acc(weightDecay)
                .i32(nesterov).i32(firstStep).buffer(p).buffer(g).buffer(buf).i64(p.numel());
        b.launch("sgd_momentum", p.dtype(), args, Grid.linear(p.numel()));
    }

    /** PyTorch's Adam (or AdamW when decoupled); step counts from 1 and sets the bias corrections. */
    static void adam(DeviceBackend b, Tensor p, Tensor g, Tensor m, Tensor v, double lr, double beta1, double beta2,
                     double eps, double weightDecay, boolean decoupled, long step) {
        requireDenseAlike(b, "adam", p, g, m, v);
        if (step < 1) throw new IllegalArgumentException("adam: step counts from 1, got " + step);
        double bias1 = 1 - Math.pow(beta1, step), bias2 = 1 - Math.pow(beta2, step);
        KernelArgs args = new KernelArgs().acc(lr).acc(beta1).acc(beta2).acc(eps).acc(weightDecay).i32(decoupled)
                .acc(bias1).acc(bias2).buffer(p).buffer(g).buffer(m).buffer(v).i64(p.numel());
        b.launch("adam", p.dtype(), args, Grid.linear(p.numel()));
    }

    private static void requireDenseAlike(DeviceBackend b, String op, Tensor p, Tensor... others) {
        b.requireHere(op, p);
        b.requireHere(op, others);
        for (Tensor t : others) {
            p.requireSameDeviceAndType(op, t);
            if (!Arrays.equals(t.shape(), p.shape())) {
                throw new IllegalArgumentException(op + ": state " + Shape.str(t.shape()) + " does not match parameter "
                        + Shape.str(p.shape()));
            }
        }
        for (Tensor t : concat(p, others)) {
            if (!t.isDense()) {
                throw new IllegalArgumentException(op + ": updates in place need dense tensors, got a view "
                        + Shape.str(t.shape()) + " with strides " + Arrays.toString(t.strides()) + " at offset " + t.offset());
            }
        }
    }

    private static Tensor[] concat(Tensor first, Tensor[] rest) {
        Tensor[] all = Arrays.copyOf(new Tensor[] {first}, 1 + rest.length);
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
