package tandem.nn.layers;

import tandem.autograd.Var;
import tandem.nn.Layer;
import tandem.nn.Module;
import tandem.tensor.PoolSpec;

/** Max and average pooling layers, N-d. */
public final class Pooling extends Module implements Layer {
    private final PoolSpec spec;
    private final boolean max;

    public Pooling(PoolSpec spec, boolean max) {
        this.spec = spec;
        this.max = max;
    }

    public static Pooling maxPool1d(int kernel) { return new Pooling(PoolSpec.of(1, kernel, kernel, 0), true); }

    public static Pooling maxPool3d(int kernel, int stride, int padding) { return new Pooling(PoolSpec.of(3, kernel, stride, padding), true); }

    public static Pooling avgPool3d(int[] kernel, int[] stride) { return new Pooling(new PoolSpec(kernel, stride, new int[kernel.length], true), false); }

    @Override
    public Var forward(Var x) {
        try (var s = profileScope()) {
            return max ? x.maxPool(spec) : x.avgPool(spec);
        }
    }
}
