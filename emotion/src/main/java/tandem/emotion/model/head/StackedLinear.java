package tandem.emotion.model.head;

import java.util.Arrays;
import tandem.autograd.Var;
import tandem.nn.Module;
import tandem.nn.Seeds;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.RandomKind;
import tandem.tensor.Tensor;

/**
 * G independent Linear(in, out) layers stored as one weight (G, out, in) and bias (G, out), applied to G inputs at
 * once. Initialised like G separate PyTorch Linears; weight[g] is what a per-group Linear would hold.
 */
final class StackedLinear extends Module {
    private final Var weight, bias;
    private final int groups, in, out;

    StackedLinear(int groups, int in, int out) {
        this.groups = groups;
        this.in = in;
        this.out = out;
        double bound = 1.0 / Math.sqrt(in);
        weight = param("weight", Tensor.random(RandomKind.UNIFORM, Seeds.next(), -bound, bound, DType.F32, Device.CPU, groups, out, in));
        bias = param("bias", Tensor.random(RandomKind.UNIFORM, Seeds.next(), -bound, bound, DType.F32, Device.CPU, groups, out));
    }

    Var weight() { return weight; }

    Var bias() { return bias; }

    // x: (G, B, in) -> (G, B, out)
    Var forward(Var x) {
        if (x.dim() != 3 || x.size(0) != groups || x.size(2) != in) {
            throw new IllegalArgumentException("stacked linear (" + groups + " x " + in + " -> " + out + "): input must be (" + groups + ", B, " + in
                    + "), got " + Arrays.toString(x.shape()));
        }
        return x.matmul(weight.transpose(1, 2)).add(bias.unsqueeze(1));
    }
}
