package tandem.kernels.cpu;

import static tandem.kernels.cpu.HostViews.adopt;
import static tandem.kernels.cpu.HostViews.denseF32;
import static tandem.kernels.cpu.HostViews.read;
import static tandem.kernels.cpu.HostViews.wrap;

import tandem.kernels.cpu.fast.FastConv;
import tandem.kernels.cpu.ref.ConvRef;
import tandem.tensor.ConvSpec;
import tandem.tensor.Tensor;

/** Convolution forward, backward-data and backward-weight: {@link FastConv} for F32, {@link ConvRef} otherwise. */
final class ConvOps {
    private ConvOps() {}

    static Tensor forward(CpuBackend b, Tensor x, Tensor w, ConvSpec spec) {
        x.requireSameDeviceAndType("conv", w);
        int[] ys = spec.outputShape("conv" + spec.dims() + "d", x.shape(), w.shape());
        if (b.fast(x, w)) return adopt(b.device(), FastConv.forward(denseF32(x), x.shape(), denseF32(w), w.shape(), spec), ys);
        return wrap(b.device(), ConvRef.forward(read(x), x.shape(), read(w), w.shape(), spec), x.dtype(), ys);
    }

    static Tensor backwardData(CpuBackend b, Tensor dy, Tensor w, ConvSpec spec, int[] xShape) {
        dy.requireSameDeviceAndType("conv_bwd_data", w);
        spec.requireGradient("conv_bwd_data", dy.shape(), xShape, w.shape());
        if (b.fast(dy, w)) {
            return adopt(b.device(), FastConv.backwardData(denseF32(dy), dy.shape(), denseF32(w), w.shape(), spec, xShape), xShape);
        }
        return wrap(b.device(), ConvRef.backwardData(read(dy), dy.shape(), read(w), w.shape(), spec, xShape), dy.dtype(), xShape);
    }

    static Tensor backwardWeight(CpuBackend b, Tensor x, Tensor dy, ConvSpec spec, int[] wShape) {
        x.requireSameDeviceAndType("conv_bwd_weight", dy);
        spec.requireGradient("conv_bwd_weight", dy.shape(), x.shape(), wShape);
        if (b.fast(x, dy)) {
            return adopt(b.device(), FastConv.backwardWeight(denseF32(x), x.shape(), denseF32(dy), dy.shape(), spec, wShape), wShape);
        }
        return wrap(b.device(), ConvRef.backwardWeight(read(x), x.shape(), read(dy), dy.shape(), spec, wShape), x.dtype(), wShape);
    }
}
