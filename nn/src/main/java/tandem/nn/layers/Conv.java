package tandem.nn.layers;

import java.util.Arrays;
import tandem.autograd.Var;
import tandem.nn.Layer;
import tandem.nn.Module;
import tandem.nn.Seeds;
import tandem.tensor.ConvSpec;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.RandomKind;
import tandem.tensor.Tensor;

/**
 * N-d convolution layer (N = 1, 2, 3) with bias; weight (O, C/groups, *K). {@link #conv1d} and {@link #conv3d}
 * build the common cases. PyTorch's default initialisation (uniform with bound 1/sqrt(fan_in)).
 */
public class Conv extends Module implements Layer {
    private final Var weight;
    private final Var bias;
    private final ConvSpec spec;
    private final int inChannels;

    public Conv(int inChannels, int outChannels, int[] kernel, ConvSpec spec, boolean bias) {
        if (kernel.length != spec.dims()) {
            throw new IllegalArgumentException("Conv: kernel " + Arrays.toString(kernel) + " does not match " + spec);
        }
        if (inChannels % spec.groups() != 0 || outChannels % spec.groups() != 0) {
            throw new IllegalArgumentException("Conv: channels " + inChannels + " -> " + outChannels + " not divisible by groups " + spec.groups());
        }
        this.spec = spec;
        this.inChannels = inChannels;
        int[] wShape = new int[kernel.length + 2];
        wShape[0] = outChannels;
        wShape[1] = inChannels / spec.groups();
        System.arraycopy(kernel, 0, wShape, 2, kernel.length);
        long fanIn = 1;
        for (int i = 1; i < wShape.length; i++) fanIn *= wShape[i];
        double bound = 1.0 / Math.sqrt(fanIn);
        weight = param("weight", Tensor.random(RandomKind.UNIFORM, Seeds.next(), -bound, bound, DType.F32, Device.CPU, wShape));
        this.bias = bias ? param("bias", Tensor.random(RandomKind.UNIFORM, Seeds.next(), -bound, bound, DType.F32, Device.CPU, outChannels)) : null;
    }

    public static Conv conv1d(int in, int out, int kernel, int stride, int padding) {
        return new Conv(in, out, new int[] {kernel}, ConvSpec.of(1, stride, padding, 1, 1), true);
    }

    /** 3-D convolution with a cubic kernel; {@code bias=false} as ResNets use before batch norm. */
    public static Conv conv3d(int in, int out, int kernel, int stride, int padding, int groups, boolean bias) {
        return new Conv(in, out, new int[] {kernel, kernel, kernel}, ConvSpec.of(3, stride, padding, 1, groups), bias);
    }

    public ConvSpec spec() { return spec; }

    public Var weight() { return weight; }

    @Override
    public Var forward(Var x) {
        try (var s = profileScope()) {
            if (x.dim() != spec.dims() + 2 || x.size(1) != inChannels) {
                throw new IllegalArgumentException("Conv" + spec.dims() + "d(" + inChannels + " channels): input shape "
                        + Arrays.toString(x.shape()) + " is not (B, " + inChannels + ", " + spec.dims() + " spatial dims)");
            }
            Var y = x.conv(weight, spec);
            if (bias == null) return y;
            int[] b = new int[spec.dims() + 2];
            Arrays.fill(b, 1);
            b[1] = bias.size(0);
            return y.add(bias.reshape(b));
        }
    }
}
