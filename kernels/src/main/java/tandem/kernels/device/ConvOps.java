package tandem.kernels.device;

import tandem.tensor.ConvSpec;
import tandem.tensor.Tensor;

/**
 * N-d convolution forward, backward-data and backward-weight (conv_fwd.cl, conv_bwd_data.cl, conv_bwd_weight.cl),
 * one generic 3-d kernel each; inputs are made dense first.
 */
final class ConvOps {
    private ConvOps() {}

    static Tensor forward(DeviceBackend b, Tensor x, Tensor w, ConvSpec spec) {
        String op = "conv" + spec.dims() + "d";
        b.requireHere(op, x, w);
        x.requireSameDeviceAndType(op, w);
        int[] ys = spec.outputShape(op, x.shape(), w.shape());
        return run(b, "conv_fwd", x, w, Layouts.conv(x.shape(), w.shape(), ys, spec), ys);
    }

    static Tensor backwardData(DeviceBackend b, Tensor dy, Tensor w, ConvSpec spec, int[] xShape) {
        String op = "conv" + spec.dims() + "d_bwd_data";
        b.requireHere(op, dy, w);
        dy.requireSameDeviceAndType(op, w);
        int[] ys = spec.requireGradient(op, dy.shape(), xShape, w.shape());
        return run(b, "conv_bwd_data", dy, w, Layouts.conv(xShape, w.shape(), ys, spec), xShape.clone());
    }

    static Tensor backwardWeight(DeviceBackend b, Tensor x, Tensor dy, ConvSpec spec, int[] wShape) {
        String op = "conv" + spec.dims() + "d_bwd_weight";
        b.requireHere(op, x, dy);
        x.requireSameDeviceAndType(op, dy);
        int[] ys = spec.requireGradient(op, dy.shape(), x.shape(), wShape);
        return run(b, "conv_bwd_weight", x, dy, Layouts.conv(x.shape(), wShape, ys, spec), wShape.clone());
    }

    private static Tensor run(DeviceBackend b, String kernel, Tensor in1, Tensor in2, int[] geometry, int[] outShape) {
        try (Scratch s = b.scratch()) {
            Tensor p = s.dense(in1), q = s.dense(in2);
            Tensor out = b.empty(in1.dtype(), outShape);
            KernelArgs args = new KernelArgs().ints(geometry).buffer(p).buffer(q).buffer(out).i64(out.numel());
            b.launch(kernel, in1.dtype(), args, Grid.linear(out.numel()));
            return out;
        }
    }
}
