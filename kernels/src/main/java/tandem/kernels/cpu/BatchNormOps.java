package tandem.kernels.cpu;

import static tandem.kernels.cpu.HostViews.adopt;
import static tandem.kernels.cpu.HostViews.denseF32;
import static tandem.kernels.cpu.HostViews.outF32;
import static tandem.kernels.cpu.HostViews.read;
import static tandem.kernels.cpu.HostViews.wrap;
import static tandem.kernels.cpu.HostViews.write;

import tandem.kernels.cpu.fast.BatchNormF32;
import tandem.kernels.cpu.ref.BatchNormRef;
import tandem.tensor.BatchNormSpec;
import tandem.tensor.Shape;
import tandem.tensor.Tensor;

/** Batch norm forward (training and eval) and training backward: {@link BatchNormF32} for F32, {@link BatchNormRef} otherwise. */
final class BatchNormOps {
    private BatchNormOps() {}

    static Tensor[] forward(CpuBackend b, Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar,
                            boolean training, double momentum, double eps) {
        int c = BatchNormSpec.channels("batch_norm", x, gamma, beta, runningMean, runningVar);
        int[] xs = x.shape(), cs = {c};
        if (b.fast(x)) {
            // the running statistics are updated in their own storage: directly when dense, else through a copy written back
            float[] rm = denseF32(runningMean), rv = denseF32(runningVar);
            BatchNormF32.Forward r = BatchNormF32.forward(denseF32(x), xs, denseF32(gamma), denseF32(beta), rm, rv,
                    training, momentum, eps, outF32(xs));
            if (training && !runningMean.isDense()) LayoutOps.assign(b, runningMean, HostViews.adopt(b.device(), rm, cs));
            if (training && !runningVar.isDense()) LayoutOps.assign(b, runningVar, HostViews.adopt(b.device(), rv, cs));
            return new Tensor[] {adopt(b.device(), r.y(), xs), adopt(b.device(), r.mean(), cs), adopt(b.device(), r.invStd(), cs)};
        }
        double[] rm = read(runningMean), rv = read(runningVar);
        double[][] r = BatchNormRef.forward(read(x), xs, read(gamma), read(beta), rm, rv, training, momentum, eps);
        if (training) {
            write(runningMean, rm);
            write(runningVar, rv);
        }
        return new Tensor[] {wrap(b.device(), r[0], x.dtype(), xs), wrap(b.device(), r[1], x.dtype(), cs), wrap(b.device(), r[2], x.dtype(), cs)};
    }

    static Tensor[] backward(CpuBackend b, Tensor dy, Tensor x, Tensor gamma, Tensor mean, Tensor invStd) {
        int c = BatchNormSpec.channels("batch_norm_bwd", x, gamma, mean, invStd);
        x.requireSameDeviceAndType("batch_norm_bwd", dy);
        Shape.requireGradient("batch_norm_bwd", dy.shape(), x.shape());
        int[] xs = x.shape(), cs = {c};
        if (b.fast(x)) {
            BatchNormF32.Backward r = BatchNormF32.backward(denseF32(dy), denseF32(x), xs, denseF32(gamma), denseF32(mean),
                    denseF32(invStd), outF32(xs));
            return new Tensor[] {adopt(b.device(), r.dx(), xs), adopt(b.device(), r.dgamma(), cs), adopt(b.device(), r.dbeta(), cs)};
        }
        double[][] r = BatchNormRef.backward(read(dy), read(x), xs, read(gamma), read(mean), read(invStd));
        return new Tensor[] {wrap(b.device(), r[0], x.dtype(), xs), wrap(b.device(), r[1], x.dtype(), cs), wrap(b.device(), r[2], x.dtype(), cs)};
    }
}
