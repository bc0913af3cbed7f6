package tandem.kernels.device;

import tandem.tensor.Shape;
import tandem.tensor.BatchNormSpec;
import tandem.tensor.Tensor;

/**
 * Batch norm forward and backward over x: (B, C, *S) (batch_norm_fwd.cl, batch_norm_bwd.cl): a per-channel
 * reduction kernel (one work-group per channel) followed by an elementwise kernel.
 */
final class BatchNormOps {
    private BatchNormOps() {}

    static Tensor[] forward(DeviceBackend b, Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar,
                            boolean training, double momentum, double eps) {
        b.requireHere("batch_norm", x, gamma, beta, runningMean, runningVar);
        int[] xs = x.shape();
        int c = BatchNormSpec.channels("batch_norm", x, gamma, beta, runningMean, runningVar);
        long spatial = x.numel() / Math.max(1, (long) xs[0] * c);
        int[] cs = {c};
        try (Scratch s = b.scratch()) {
            Tensor xd = s.dense(x), g = s.dense(gamma), be = s.dense(beta);
            Tensor mean = b.empty(x.dtype(), cs), invStd = b.empty(x.dtype(), cs);
            if (training) {
                KernelArgs stats = new KernelArgs()
                        .i32(xs[0]).i32(c).i64(spatial).acc(momentum).acc(eps)
                        .buffer(xd).buffer(mean).buffer(invStd)
                        .buffer(runningMean).i64(runningMean.offset()).i32(runningMean.strides()[0])
                        .buffer(runningVar).i64(runningVar.offset()).i32(runningVar.strides()[0]);
                b.launch("batch_norm_stats", x.dtype(), stats, Grid.groups(c));
            } else {
                KernelArgs stats = new KernelArgs().i32(c).acc(eps)
                        .buffer(runningMean).i64(runningMean.offset()).i32(runningMean.strides()[0])
                        .buffer(runningVar).i64(runningVar.offset()).i32(runningVar.strides()[0])
                        .buffer(mean).buffer(invStd);
                b.launch("batch_norm_eval_stats", x.dtype(), stats, Grid.linear(c));
            }
            Tensor y = b.empty(x.dtype(), xs);
            KernelArgs apply = new KernelArgs().i32(c).i64(spatial)
                    .buffer(xd).buffer(mean).buffer(invStd).buffer(g).buffer(be).buffer(y).i64(y.numel());
            b.launch("batch_norm_apply", x.dtype(), apply, Grid.linear(y.numel()));
            return new Tensor[] {y, mean, invStd};
        }
    }

    static Tensor[] backward(DeviceBackend b, Tensor dy, Tensor x, Tensor gamma, Tensor mean, Tensor invStd) {
        b.requireHere("batch_norm_bwd", dy, x, gamma, mean, invStd);
        int[] xs = x.shape();
        int c = BatchNormSpec.channels("batch_norm_bwd", x, gamma, mean, invStd);
        x.requireSameDeviceAndType("batch_norm_bwd", dy);
        Shape.requireGradient("batch_norm_bwd", dy.shape(), xs);
        long spatial = x.numel() / Math.max(1, (long) xs[0] * c);
        int[] cs = {c};
        try (Scratch s = b.scratch()) {
            Tensor dyd = s.dense(dy), xd = s.dense(x), g = s.dense(gamma), mu = s.dense(mean), is = s.dense(invStd);
            Tensor dgamma = b.empty(x.dtype(), cs), dbeta = b.empty(x.dtype(), cs);
            KernelArgs reduce = new KernelArgs().i32(xs[0]).i32(c).i64(spatial)
                    .buffer(dyd).buffer(xd).buffer(mu).buffer(is).buffer(dgamma).buffer(dbeta);
            b.launch("batch_norm_bwd_reduce", x.dtype(), reduce, Grid.groups(c));
            Tensor dx = b.empty(x.dtype(), xs);
            KernelArgs apply = new KernelArgs().i32(xs[0]).i32(c).i64(spatial)
                    .buffer(dyd).buffer(xd).buffer(mu).buffer(is).buffer(g).buffer(dgamma).buffer(dbeta)
                    .buffer(dx).i64(dx.numel());
            b.launch("batch_norm_bwd_apply", x.dtype(), apply, Grid.linear(dx.numel()));
            return new Tensor[] {dx, dgamma, dbeta};
        }
    }
}
