package tandem.tensor;

/** Elementwise binary primitives with NumPy broadcasting. Comparisons give 1 or 0 in the input dtype. */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, POW, MAX, MIN, GT, GE, LT, EQ
}
