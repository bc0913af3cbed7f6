package tandem.nn.layers;

import java.util.Arrays;
import tandem.autograd.Var;

/** Scaled dot-product attention as a composition of autograd primitives (the readable path; no fused kernel). */
public final class Attention {
    private Attention() {}

    /** The output and the attention weights. */
    public record Result(Var output, Var weights) {}

    // q: (..., Lq, D), k: (..., Lk, D), v: (..., Lk, Dv) -> out (..., Lq, Dv), weights (..., Lq, Lk)
    public static Result scaledDotProduct(Var q, Var k, Var v) {
        int d = q.size(-1);
        if (k.size(-1) != d || k.size(-2) != v.size(-2)) {
            throw new IllegalArgumentException("attention: q " + Arrays.toString(q.shape()) + ", k "
                    + Arrays.toString(k.shape()) + ", v " + Arrays.toString(v.shape())
                    + " do not fit (need q (..., Lq, D), k (..., Lk, D), v (..., Lk, Dv))");
        }
        Var scores = q.matmul(k.transpose(-1, -2)).mul(1.0 / Math.sqrt(d));
        Var weights = scores.softmax(-1);
        return new Result(weights.matmul(v), weights);
    }
}
