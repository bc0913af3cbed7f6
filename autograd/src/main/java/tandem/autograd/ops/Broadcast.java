package tandem.autograd.ops;

import java.util.Arrays;
import tandem.tensor.Tensor;

/** Gradients of broadcast inputs: sum the gradient over every dimension the input was broadcast along. */
final class Broadcast {
    private Broadcast() {}

    // g: broadcast shape; returns g summed down to `shape`
    static Tensor unbroadcast(Tensor g, int[] shape) {
        int[] gs = g.shape();
        if (Arrays.equals(gs, shape)) return g;
        int lead = gs.length - shape.length;
        int n = 0;
        int[] axes = new int[gs.length];
        for (int i = 0; i < gs.length; i++) {
            if (i < lead || (shape[i - lead] == 1 && gs[i] != 1)) axes[n++] = i;
        }
        Tensor s = n == 0 ? g : g.sum(true, Arrays.copyOf(axes, n));
        return s.reshape(shape);
    }
}
