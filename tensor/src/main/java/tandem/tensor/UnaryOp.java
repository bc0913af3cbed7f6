package tandem.tensor;

/**
 * Elementwise unary primitives. Some take a scalar parameter ({@link #POW}, {@link #ADD_SCALAR},
 * {@link #MUL_SCALAR}, {@link #LEAKY_RELU}); the others ignore it.
 */
public enum UnaryOp {
    NEG, EXP, LOG, SQRT, RSQRT, ABS, SQUARE, RECIPROCAL, RELU, SIGMOID, TANH, SIGN,
    /** x^p */
    POW,
    /** x + p */
    ADD_SCALAR,
    /** x * p */
    MUL_SCALAR,
    /** x if x > 0 else p * x */
    LEAKY_RELU
}
