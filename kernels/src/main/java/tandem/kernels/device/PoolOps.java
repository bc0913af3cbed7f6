package tandem.kernels.device;

import tandem.tensor.PoolSpec;
import tandem.tensor.Tensor;

/** Max and average pooling with backward (max_pool_*.cl, avg_pool_*.cl); inputs are made dense first. */
final class PoolOps {
    private PoolOps() {}

    static Tensor maxForward(DeviceBackend b, Tensor x, PoolSpec spec) {
        b.requireHere("max_pool", x);
        int[] ys = spec.outputShape("max_pool", x.shape());
        try (Scratch s = b.scratch()) {
            Tensor xd = s.dense(x);
            Tensor y = b.empty(x.dtype(), ys);
            KernelArgs args = new KernelArgs().ints(Layouts.pool(x.shape(), ys, spec)).buffer(xd).buffer(y).i64(y.numel());
            b.launch("max_pool_fwd", x.dtype(), args, Grid.linear(y.numel()));
            return y;
        }
    }

    static Tensor maxBackward(DeviceBackend b, Tensor x, Tensor dy, PoolSpec spec) {
        b.requireHere("max_pool_bwd", x, dy);
        x.requireSameDeviceAndType("max_pool_bwd", dy);
        int[] ys = spec.requireGradient("max_pool_bwd", dy.shape(), x.shape());
        try (Scratch s = b.scratch()) {
            Tensor xd = s.dense(x), dyd = s.dense(dy);
            Tensor dx = b.empty(x.dtype(), x.shape());
            KernelArgs args = new KernelArgs().ints(Layouts.pool(x.shape(), ys, spec))
                    .buffer(xd).buffer(dyd).buffer(dx).i64(dx.numel());
            b.launch("max_pool_bwd", x.dtype(), args, Grid.linear(dx.numel()));
            return dx;
        }
    }

    static Tensor avgForward(DeviceBackend b, Tensor x, PoolSpec spec) {
        b.requireHere("avg_pool", x);
        int[] ys = spec.outputShape("avg_pool", x.shape());
        try (Scratch s = b.scratch()) {
            Tensor xd = s.dense(x);
            Tensor y = b.empty(x.dtype(), ys);
            KernelArgs args = new KernelArgs().ints(Layouts.pool(x.shape(), ys, spec)).buffer(xd).buffer(y).i64(y.numel());
            b.launch("avg_pool_fwd", x.dtype(), args, Grid.linear(y.numel()));
            return y;
        }
    }

    static Tensor avgBackward(DeviceBackend b, Tensor dy, PoolSpec spec, int[] xShape) {
        b.requireHere("avg_pool_bwd", dy);
        int[] ys = spec.requireGradient("avg_pool_bwd", dy.shape(), xShape);
        try (Scratch s = b.scratch()) {
            Tensor dyd = s.dense(dy);
            Tensor dx = b.empty(dy.dtype(), xShape.clone());
            KernelArgs args = new KernelArgs().ints(Layouts.pool(xShape, ys, spec)).buffer(dyd).buffer(dx).i64(dx.numel());
            b.launch("avg_pool_bwd", dy.dtype(), args, Grid.linear(dx.numel()));
            return dx;
        }
    }
}
