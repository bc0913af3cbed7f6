package tandem.kernels.device;

import java.util.function.UnaryOperator;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.RandomKind;
import tandem.tensor.Tensor;

/** The same data on the CPU and on a device, so an op can run on both and the results be compared. */
public record Pair(Tensor cpu, Tensor dev) {
    /** Normal(0, 1) data of shape, made on the CPU and uploaded. */
    public static Pair normal(Device device, DType dtype, long seed, int... shape) {
        Tensor c = Tensor.random(RandomKind.NORMAL, seed, 0, 1, dtype, Device.CPU, shape);
        return new Pair(c, c.to(device));
    }

    /** Uniform [lo, hi) data of shape. */
    public static Pair uniform(Device device, DType dtype, long seed, double lo, double hi, int... shape) {
        Tensor c = Tensor.random(RandomKind.UNIFORM, seed, lo, hi, dtype, Device.CPU, shape);
        return new Pair(c, c.to(device));
    }

    public static Pair of(Device device, Tensor cpu) { return new Pair(cpu, cpu.to(device)); }

    /** The same view (permute, slice, expand...) taken on both sides. */
    public Pair view(UnaryOperator<Tensor> f) { return new Pair(f.apply(cpu), f.apply(dev)); }
}
