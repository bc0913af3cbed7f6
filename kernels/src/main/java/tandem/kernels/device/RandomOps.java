package tandem.kernels.device;

import tandem.tensor.DType;
import tandem.tensor.RandomKind;
import tandem.tensor.Tensor;

/** Counter-based random numbers (random.cl): the same stream as tandem.tensor.CounterRng on the CPU. */
final class RandomOps {
    private RandomOps() {}

    static Tensor random(DeviceBackend b, RandomKind kind, int[] shape, DType dtype, long seed, long offset,
                         double a, double c) {
        b.requireDType("random", dtype);
        Tensor y = b.empty(dtype, shape);
        KernelArgs args = new KernelArgs().i32(kind.ordinal()).i64(seed).i64(offset).acc(a).acc(c).buffer(y).i64(y.numel());
        b.launch("random_sample", dtype, args, Grid.linear(y.numel()));
        return y;
    }
}
