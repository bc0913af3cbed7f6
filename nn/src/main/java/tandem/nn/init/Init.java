package tandem.nn.init;

import java.util.Arrays;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.RandomKind;
import tandem.tensor.Tensor;

/**
 * Parameter initialisers, each returning a new tensor. Random ones draw from Tandem's counter-based generator,
 * so a (seed, shape) pair gives the same values on every device and thread count; give each parameter its own
 * seed. Formulas and defaults follow PyTorch's {@code torch.nn.init}, so a Tandem layer starts from the same
 * distribution as its PyTorch counterpart (not the same numbers: the generators differ).
 */
public final class Init {
    private Init() {}

    // ---- constants ------------------------------------------------------------------------------------------
    public static Tensor zeros(DType dtype, Device device, int... shape) {
        return Tensor.zeros(dtype, device, checkShape("zeros", shape));
    }

    public static Tensor ones(DType dtype, Device device, int... shape) {
        return constant(1, dtype, device, shape);
    }

    public static Tensor constant(double value, DType dtype, Device device, int... shape) {
        if (Double.isNaN(value)) throw new IllegalArgumentException("constant: value is NaN for shape " + Arrays.toString(shape));
        return Tensor.full(value, dtype, device, checkShape("constant", shape));
    }

    // ---- plain distributions --------------------------------------------------------------------------------
    /** Uniform on [a, b). */
    public static Tensor uniform(double a, double b, long seed, DType dtype, Device device, int... shape) {
        if (!Double.isFinite(a) || !Double.isFinite(b) || a > b) {
            throw new IllegalArgumentException("uniform: need finite a <= b, got [" + a + ", " + b + ") for shape " + Arrays.toString(shape));
        }
        return Tensor.random(RandomKind.UNIFORM, seed, a, b, dtype, device, checkShape("uniform", shape));
    }

    public static Tensor normal(double mean, double std, long seed, DType dtype, Device device, int... shape) {
        if (!Double.isFinite(mean) || !Double.isFinite(std) || std < 0) {
            throw new IllegalArgumentException("normal: need finite mean and std >= 0, got mean " + mean + ", std " + std
                    + " for shape " + Arrays.toString(shape));
        }
        return Tensor.random(RandomKind.NORMAL, seed, mean, std, dtype, device, checkShape("normal", shape));
    }

    // ---- Kaiming (He et al. 2015) ---------------------------------------------------------------------------
    /**
     * Uniform on [-bound, bound) with bound = gain x sqrt(3 / fan), gain = {@code nonlinearity.gain(a)};
     * {@code a} is the leaky-ReLU negative slope and matters only for {@link Nonlinearity#LEAKY_RELU}.
     */
    public static Tensor kaimingUniform(double a, FanMode mode, Nonlinearity nonlinearity, long seed, DType dtype,
                                        Device device, int... shape) {
        double bound = Math.sqrt(3.0) * kaimingStd("kaimingUniform", a, mode, nonlinearity, shape);
        return uniformOrEmpty(bound, seed, dtype, device, shape);
    }

    /** Normal with mean 0 and std = gain / sqrt(fan). */
    public static Tensor kaimingNormal(double a, FanMode mode, Nonlinearity nonlinearity, long seed, DType dtype,
                                       Device device, int... shape) {
        double std = kaimingStd("kaimingNormal", a, mode, nonlinearity, shape);
        return normalOrEmpty(std, seed, dtype, device, shape);
    }

    // ---- Xavier / Glorot (Glorot and Bengio 2010) -----------------------------------------------------------
    /** Uniform on [-bound, bound) with bound = gain x sqrt(6 / (fan_in + fan_out)). */
    public static Tensor xavierUniform(double gain, long seed, DType dtype, Device device, int... shape) {
        double bound = Math.sqrt(3.0) * xavierStd("xavierUniform", gain, shape);
        return uniformOrEmpty(bound, seed, dtype, device, shape);
    }

    /** Normal with mean 0 and std = gain x sqrt(2 / (fan_in + fan_out)). */
    public static Tensor xavierNormal(double gain, long seed, DType dtype, Device device, int... shape) {
        return normalOrEmpty(xavierStd("xavierNormal", gain, shape), seed, dtype, device, shape);
    }

    // ---- PyTorch layer defaults -----------------------------------------------------------------------------
    /**
     * The weight of a freshly built PyTorch Linear or ConvNd: kaiming_uniform with a = sqrt(5) on fan-in,
     * which works out to uniform on [-1/sqrt(fan_in), 1/sqrt(fan_in)).
     */
    public static Tensor defaultWeight(long seed, DType dtype, Device device, int... shape) {
        return kaimingUniform(Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, seed, dtype, device, shape);
    }

    /**
     * The bias (shape (O)) that goes with a weight of {@code weightShape}: uniform on [-1/sqrt(fan_in),
     * 1/sqrt(fan_in)) of that weight, zeros when the fan-in is 0.
     */
    public static Tensor defaultBias(int[] weightShape, long seed, DType dtype, Device device) {
        int fanIn = Fans.of(weightShape).fanIn();
        int out = weightShape[0];
        if (fanIn == 0) return zeros(dtype, device, out);
        double bound = 1.0 / Math.sqrt(fanIn);
        return uniform(-bound, bound, seed, dtype, device, out);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------
    /** Public so that tests and layer code can state the expected scale. */
    public static double kaimingStd(String op, double a, FanMode mode, Nonlinearity nonlinearity, int... shape) {
        int fan = mode.select(fansOf(op, shape));
        return fan == 0 ? 0 : nonlinearity.gain(a) / Math.sqrt(fan);
    }

    public static double xavierStd(String op, double gain, int... shape) {
        if (!Double.isFinite(gain) || gain < 0) throw new IllegalArgumentException(op + ": gain must be finite and >= 0, got " + gain);
        Fans f = fansOf(op, shape);
        long sum = (long) f.fanIn() + f.fanOut();
        return sum == 0 ? 0 : gain * Math.sqrt(2.0 / sum);
    }

    private static Fans fansOf(String op, int[] shape) {
        checkShape(op, shape);
        try {
            return Fans.of(shape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": " + e.getMessage(), e);
        }
    }

    // PyTorch skips zero-element tensors; so do we, returning the empty tensor rather than dividing by a zero fan.
    private static Tensor uniformOrEmpty(double bound, long seed, DType dtype, Device device, int[] shape) {
        if (numel(shape) == 0) return zeros(dtype, device, shape);
        return Tensor.random(RandomKind.UNIFORM, seed, -bound, bound, dtype, device, shape);
    }

    private static Tensor normalOrEmpty(double std, long seed, DType dtype, Device device, int[] shape) {
        if (numel(shape) == 0) return zeros(dtype, device, shape);
        return Tensor.random(RandomKind.NORMAL, seed, 0, std, dtype, device, shape);
    }

    private static long numel(int[] shape) {
        long n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    private static int[] checkShape(String op, int[] shape) {
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException(op + ": negative dimension in shape " + Arrays.toString(shape));
        }
        return shape;
    }
}
