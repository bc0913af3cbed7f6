package tandem.tensor;

/** Reductions over a set of axes. ARGMAX and ARGMIN take exactly one axis and return indices as values. */
public enum ReduceOp {
    SUM, MEAN, MAX, MIN, ARGMAX, ARGMIN
}
