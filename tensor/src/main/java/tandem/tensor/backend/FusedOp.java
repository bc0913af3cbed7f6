package tandem.tensor.backend;

/**
 * The fused ops a backend may bring as kernels of its own ({@link Backend#hasFused}). Where a backend lacks one,
 * autograd composes the op from primitives and derives its backward by itself (windowed attention, SE), and the
 * optimizers update through elementwise primitives (Adam, SGD).
 */
public enum FusedOp {
    /** {@link Backend#windowAttentionForward}, {@link Backend#windowAttentionBackward}, {@link Backend#windowAttentionWeights}. */
    WINDOW_ATTENTION("window_attention"),
    /** {@link Backend#seExciteForward}, {@link Backend#seExciteBackward}. */
    SE_EXCITE("se_excite"),
    /** {@link Backend#adamStep}. */
    ADAM_STEP("adam"),
    /** {@link Backend#sgdMomentumStep}. */
    SGD_STEP("sgd");

    private final String opName;

    FusedOp(String opName) { this.opName = opName; }

    /** What a backend without the fused kernel throws when it is called anyway. */
    public UnsupportedOperationException missing(Backend backend) {
        return new UnsupportedOperationException(opName + ": " + backend.device() + " has no fused " + opName
                + " kernel (hasFused(" + name() + ") is false); compose it from primitives instead");
    }
}
