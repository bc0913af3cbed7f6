package tandem.nn.init;

/**
 * The activation that follows a layer, and the gain that keeps activations' variance stable through it
 * (PyTorch's {@code calculate_gain}).
 */
public enum Nonlinearity {
    /** Also right for convolutions and sigmoid: gain 1. */
    LINEAR,
    SIGMOID,
    /** 5/3 */
    TANH,
    /** sqrt(2) */
    RELU,
    /** sqrt(2 / (1 + slope^2)); the parameter is the negative slope (PyTorch's default 0.01). */
    LEAKY_RELU,
    /** 3/4 */
    SELU;

    /** PyTorch's default negative slope for leaky ReLU. */
    public static final double DEFAULT_NEGATIVE_SLOPE = 0.01;

    /** The gain; {@code param} is used only by {@link #LEAKY_RELU}. */
    public double gain(double param) {
        return switch (this) {
            case LINEAR, SIGMOID -> 1.0;
            case TANH -> 5.0 / 3.0;
            case RELU -> Math.sqrt(2.0);
            case LEAKY_RELU -> {
                if (!Double.isFinite(param)) throw new IllegalArgumentException("gain: leaky_relu slope must be finite, got " + param);
                yield Math.sqrt(2.0 / (1 + param * param));
            }
            case SELU -> 0.75;
        };
    }

    public double gain() {
        return gain(this == LEAKY_RELU ? DEFAULT_NEGATIVE_SLOPE : 0);
    }
}
