package tandem.tensor;

/** Distributions of the counter-based generator; parameters (a, b) as named. */
public enum RandomKind {
    /** uniform on [a, b) */
    UNIFORM,
    /** normal with mean a and standard deviation b */
    NORMAL,
    /** 1 with probability a, else 0 */
    BERNOULLI
}
