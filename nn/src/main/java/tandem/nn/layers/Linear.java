package tandem.nn.layers;

import java.util.Arrays;
import tandem.autograd.Var;
import tandem.nn.Layer;
import tandem.nn.Module;
import tandem.nn.Seeds;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.RandomKind;
import tandem.tensor.Tensor;

/** y = x W^T + b over the last axis. x: (..., in) -> (..., out). PyTorch's default initialisation. */
public final class Linear extends Module implements Layer {
    private final Var weight;
    private final Var bias;
    private final int in, out;

    public Linear(int in, int out) { this(in, out, true); }

    public Linear(int in, int out, boolean bias) {
        if (in < 1 || out < 1) throw new IllegalArgumentException("Linear: sizes must be positive, got " + in + " -> " + out);
        this.in = in;
        this.out = out;
        double bound = 1.0 / Math.sqrt(in);      // kaiming_uniform(a=sqrt(5)) reduces to this bound
        weight = param("weight", Tensor.random(RandomKind.UNIFORM, Seeds.next(), -bound, bound, DType.F32, Device.CPU, out, in));
        this.bias = bias ? param("bias", Tensor.random(RandomKind.UNIFORM, Seeds.next(), -bound, bound, DType.F32, Device.CPU, out)) : null;
    }

    public Var weight() { return weight; }

    public Var bias() { return bias; }

    @Override
    public Var forward(Var x) {
        try (var s = profileScope()) {
            if (x.size(-1) != in) {
                throw new IllegalArgumentException("Linear(" + in + " -> " + out + "): input has last dimension " + x.size(-1)
                        + " (shape " + Arrays.toString(x.shape()) + ")");
            }
            Var y = x.matmul(weight.transpose(0, 1));
            return bias == null ? y : y.add(bias);
        }
    }
}
