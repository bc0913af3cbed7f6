package tandem.nn.layers;

import tandem.autograd.Var;
import tandem.nn.Layer;
import tandem.nn.Module;
import tandem.nn.Seeds;
import tandem.tensor.RandomKind;
import tandem.tensor.Tensor;

/** Inverted dropout: in training, zeroes each element with probability p and scales the rest by 1/(1-p). */
public final class Dropout extends Module implements Layer {
    private final double p;

    public Dropout(double p) {
        if (p < 0 || p >= 1) throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
        this.p = p;
    }

    @Override
    public Var forward(Var x) {
        try (var s = profileScope()) {
            if (!isTraining() || p == 0) return x;
            Tensor keep = Tensor.random(RandomKind.BERNOULLI, Seeds.next(), 1 - p, 0, x.dtype(), x.device(), x.shape());
            return x.mul(Var.constant(keep.mul(1.0 / (1 - p))));
        }
    }
}
