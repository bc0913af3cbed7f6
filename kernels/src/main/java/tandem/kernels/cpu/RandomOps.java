package tandem.kernels.cpu;

import tandem.tensor.CounterRng;
import tandem.tensor.DType;
import tandem.tensor.RandomKind;
import tandem.tensor.Shape;
import tandem.tensor.Tensor;

/** Counter-based random numbers: element i of the result is {@link CounterRng#sample} of (seed, offset + i), as on every backend. */
final class RandomOps {
    private RandomOps() {}

    static Tensor random(CpuBackend b, RandomKind kind, int[] shape, DType dtype, long seed, long offset, double lo, double hi) {
        double[] v = new double[(int) Shape.numel(shape)];
        for (int i = 0; i < v.length; i++) v[i] = CounterRng.sample(kind, seed, offset + i, lo, hi);
        return HostViews.wrap(b.device(), v, dtype, shape);
    }
}
