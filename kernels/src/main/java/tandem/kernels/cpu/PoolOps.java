package tandem.kernels.cpu;

import static tandem.kernels.cpu.HostViews.adopt;
import static tandem.kernels.cpu.HostViews.denseF32;
import static tandem.kernels.cpu.HostViews.outF32;
import static tandem.kernels.cpu.HostViews.read;
import static tandem.kernels.cpu.HostViews.wrap;

import tandem.kernels.cpu.fast.PoolF32;
import tandem.kernels.cpu.ref.PoolRef;
import tandem.tensor.PoolSpec;
import tandem.tensor.Tensor;

/** Max and average pooling, forward and backward: {@link PoolF32} for F32, {@link PoolRef} otherwise. */
final class PoolOps {
    private PoolOps() {}

    static Tensor maxForward(CpuBackend b, Tensor x, PoolSpec spec) {
        int[] ys = spec.outputShape("max_pool", x.shape());
        if (b.fast(x)) return adopt(b.device(), PoolF32.maxForward(denseF32(x), x.shape(), spec, outF32(ys)), ys);
        return wrap(b.device(), PoolRef.maxForward(read(x), x.shape(), spec), x.dtype(), ys);
    }

    static Tensor maxBackward(CpuBackend b, Tensor x, Tensor dy, PoolSpec spec) {
        x.requireSameDeviceAndType("max_pool_bwd", dy);
        spec.requireGradient("max_pool_bwd", dy.shape(), x.shape());
        if (b.fast(x)) return adopt(b.device(), PoolF32.maxBackward(denseF32(x), x.shape(), denseF32(dy), spec, outF32(x.shape())), x.shape());
        return wrap(b.device(), PoolRef.maxBackward(read(x), x.shape(), read(dy), spec), x.dtype(), x.shape());
    }

    static Tensor avgForward(CpuBackend b, Tensor x, PoolSpec spec) {
        int[] ys = spec.outputShape("avg_pool", x.shape());
        if (b.fast(x)) return adopt(b.device(), PoolF32.avgForward(denseF32(x), x.shape(), spec, outF32(ys)), ys);
        return wrap(b.device(), PoolRef.avgForward(read(x), x.shape(), spec), x.dtype(), ys);
    }

    static Tensor avgBackward(CpuBackend b, Tensor dy, PoolSpec spec, int[] xShape) {
        spec.requireGradient("avg_pool_bwd", dy.shape(), xShape);
        if (b.fast(dy)) return adopt(b.device(), PoolF32.avgBackward(denseF32(dy), spec, xShape, outF32(xShape)), xShape);
        return wrap(b.device(), PoolRef.avgBackward(read(dy), spec, xShape), dy.dtype(), xShape);
    }
}
