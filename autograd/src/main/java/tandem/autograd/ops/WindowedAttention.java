package tandem.autograd.ops;

import tandem.autograd.Function;
import tandem.autograd.GradMode;
import tandem.autograd.Var;
import tandem.tensor.Tensor;

/**
 * Windowed cross-attention: query window i of q attends only to key window i of k and v, the windows cutting both
 * time axes into the same fractions, out = softmax(q k^T * scale) v per window. The forward keeps only each query's
 * log-sum-exp; the backward recomputes the probabilities from it (see Backend#windowAttentionForward).
 */
public final class WindowedAttention extends Function {
    private int windows;
    private double scale;

    // q: (B, Tq, D), k: (B, Tk, D), v: (B, Tk, Dv) -> (B, Tq, Dv)
    public static Var apply(Var q, Var k, Var v, int windows, double scale) {
        WindowedAttention f = new WindowedAttention();
        f.windows = windows;
        f.scale = scale;
        Tensor[] r = q.data().backend().windowAttentionForward(q.data(), k.data(), v.data(), windows, scale);
        f.save(q.data(), k.data(), v.data(), r[0], r[1]);
        return f.output(r[0], q, k, v);
    }

    @Override
    public Tensor[] backward(Tensor dOut) {
        Tensor q = saved(0);
        Tensor[] g = q.backend().windowAttentionBackward(q, saved(1), saved(2), saved(3), saved(4), dOut, windows, scale);
        return new Tensor[] {needsGrad(0) ? g[0] : null, needsGrad(1) ? g[1] : null, needsGrad(2) ? g[2] : null};
    }

    /**
     * The attention probabilities (B, Tq, Tk), zero outside each query's window, outside the graph: what a hook
     * captures to draw an attention map without changing the model.
     */
    public static Tensor weights(Var q, Var k, int windows, double scale) {
        try (GradMode off = GradMode.off()) {
            return q.data().backend().windowAttentionWeights(q.data(), k.data(), windows, scale);
        }
    }

    @Override
    public String name() { return "windowed_attention"; }
}
