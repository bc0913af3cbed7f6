package tandem.kernels.device;

import tandem.tensor.Tensor;
import tandem.tensor.backend.FusedShapes;

/** Fused optimizer updates in place over dense parameter and state tensors (sgd_momentum.cl, adam.cl): one launch each. */
final class OptimizerOps {
    private OptimizerOps() {}

    /** PyTorch's SGD; {@code buf} null means no momentum (see sgd_momentum.cl for the exact update). */
    static void sgdMomentum(DeviceBackend b, Tensor p, Tensor g, Tensor buf, double lr, double momentum,
                            double dampening, double weightDecay, boolean nesterov, boolean firstStep) {
        FusedShapes.checkInPlaceUpdate("sgd_momentum", p, g, buf);
        b.requireHere("sgd_momentum", p, g);
        if (buf != null) b.requireHere("sgd_momentum", buf);
        KernelArgs args = new KernelArgs().acc(lr).acc(momentum).acc(dampening).acc(weightDecay)
                .i32(nesterov).i32(firstStep).i32(buf != null).buffer(p).buffer(g).buffer(buf != null ? buf : g).i64(p.numel());
        b.launch("sgd_momentum", p.dtype(), args, Grid.linear(p.numel()));
    }

    /** PyTorch's Adam (or AdamW when decoupled); step counts from 1 and sets the bias corrections. */
    static void adam(DeviceBackend b, Tensor p, Tensor g, Tensor m, Tensor v, double lr, double beta1, double beta2,
                     double eps, double weightDecay, boolean decoupled, long step) {
        FusedShapes.checkInPlaceUpdate("adam", p, g, m, v);
        b.requireHere("adam", p, g, m, v);
        if (step < 1) throw new IllegalArgumentException("adam: step counts from 1, got " + step);
        double bias1 = 1 - Math.pow(beta1, step), bias2 = 1 - Math.pow(beta2, step);
        KernelArgs args = new KernelArgs().acc(lr).acc(beta1).acc(beta2).acc(eps).acc(weightDecay).i32(decoupled)
                .acc(bias1).acc(bias2).buffer(p).buffer(g).buffer(m).buffer(v).i64(p.numel());
        b.launch("adam", p.dtype(), args, Grid.linear(p.numel()));
    }
}
