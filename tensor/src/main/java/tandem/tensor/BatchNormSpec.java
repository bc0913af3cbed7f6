package tandem.tensor;

/** The shapes of batch norm over x: (B, C, *S) with per-channel tensors (C), checked once for every backend. */
public final class BatchNormSpec {
    private BatchNormSpec() {}

    /**
     * The channel count C of {@code x}; checks that x is (B, C, ...) and that every per-channel tensor is (C) of x's
     * device and dtype, naming the op and the shapes otherwise.
     */
    public static int channels(String op, Tensor x, Tensor... perChannel) {
        int[] xs = x.shape();
        if (xs.length < 2) throw new IllegalArgumentException(op + ": input must be (B, C, ...), got " + Shape.str(xs));
        for (Tensor p : perChannel) {
            x.requireSameDeviceAndType(op, p);
            if (p.dim() != 1 || p.numel() != xs[1]) {
                throw new IllegalArgumentException(op + ": per-channel tensors must be (" + xs[1] + ") for input "
                        + Shape.str(xs) + ", got " + Shape.str(p.shape()));
            }
        }
        return xs[1];
    }
}
