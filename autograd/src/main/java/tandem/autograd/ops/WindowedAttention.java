package tandem.autograd.ops;

import tandem.autograd.Function;
import tandem.autograd.GradMode;
import tandem.autograd.Var;
import tandem.tensor.Tensor;
import tandem.tensor.backend.Backend;
import tandem.tensor.backend.FusedOp;
import tandem.tensor.backend.FusedShapes;
import tandem.tensor.backend.FusedShapes.WindowDims;

/**
 * Windowed cross-attention: query window i of q attends only to key window i of k and v, the windows cutting both
 * time axes into the same fractions ({@link tandem.tensor.TimeWindows}), out = softmax(q k^T * scale) v per window.
 *
 * <p>Two paths, one result. Where the backend has the fused kernel ({@link FusedOp#WINDOW_ATTENTION}) the forward
 * keeps only each query's log-sum-exp and the backward recomputes the probabilities from it. Elsewhere
 * {@link #composite} builds the same attention from Var ops (narrow, matmul, softmax, cat), and autograd derives
 * its backward from theirs: the composite is the lesson, the kernel the speed.
 */
public final class WindowedAttention extends Function {
    private int windows;
    private double scale;

    // q: (B, Tq, D), k: (B, Tk, D), v: (B, Tk, Dv) -> (B, Tq, Dv)
    public static Var apply(Var q, Var k, Var v, int windows, double scale) {
        Backend be = q.data().backend();
        if (!be.hasFused(FusedOp.WINDOW_ATTENTION)) return composite(q, k, v, windows, scale);
        WindowedAttention f = new WindowedAttention();
        f.windows = windows;
        f.scale = scale;
        Tensor[] r = be.windowAttentionForward(q.data(), k.data(), v.data(), windows, scale);
        f.save(q.data(), k.data(), v.data(), r[0], r[1]);
        return f.output(r[0], q, k, v);
    }

    @Override
    public Tensor[] backward(Tensor dOut) {
        Tensor q = saved(0);
        Tensor[] g = q.backend().windowAttentionBackward(q, saved(1), saved(2), saved(3), saved(4), dOut, windows, scale);
        return new Tensor[] {needsGrad(0) ? g[0] : null, needsGrad(1) ? g[1] : null, needsGrad(2) ? g[2] : null};
    }

    /** The attention from Var ops: every window attended separately, the outputs joined along time. */
    public static Var composite(Var q, Var k, Var v, int windows, double scale) {
        WindowDims d = FusedShapes.checkWindowAttention("window_attention", q.data(), k.data(), v.data(), windows);
        Var[] parts = new Var[windows];
        for (int i = 0; i < windows; i++) {
            int ks = d.keyStart(i), kl = d.keys().size(i);
            parts[i] = probabilities(q, k, d, i, scale).matmul(v.narrow(1, ks, kl));        // (B, ql, Dv)
        }
        return windows == 1 ? parts[0] : Var.cat(1, parts);
    }

    // window i of q: (B, ql, D) and k: (B, kl, D) -> softmax(q_i k_i^T * scale): (B, ql, kl)
    private static Var probabilities(Var q, Var k, WindowDims d, int i, double scale) {
        Var qi = q.narrow(1, d.queryStart(i), d.queries().size(i)), ki = k.narrow(1, d.keyStart(i), d.keys().size(i));
        return qi.matmul(ki.transpose(1, 2)).mul(scale).softmax(2);
    }

    /**
     * The attention probabilities (B, Tq, Tk), zero outside each query's window, outside the graph: what a hook
     * captures to draw an attention map without changing the model.
     */
    public static Tensor weights(Var q, Var k, int windows, double scale) {
        Backend be = q.data().backend();
        if (be.hasFused(FusedOp.WINDOW_ATTENTION)) return be.windowAttentionWeights(q.data(), k.data(), windows, scale);
        return compositeWeights(q, k, windows, scale);
    }

    /** {@link #weights} from the composite's per-window probabilities, placed into a zero (B, Tq, Tk) tensor. */
    public static Tensor compositeWeights(Var q, Var k, int windows, double scale) {
        try (GradMode off = GradMode.off()) {
            WindowDims d = FusedShapes.checkWindowAttention("window_attention_weights", q.data(), k.data(), k.data(), windows);
            Tensor w = Tensor.zeros(q.dtype(), q.device(), d.b(), d.tq(), d.tk());
            for (int i = 0; i < windows; i++) {
                Tensor block = w.narrow(1, d.queryStart(i), d.queries().size(i)).narrow(2, d.keyStart(i), d.keys().size(i));
                w.backend().assign(block, probabilities(q, k, d, i, scale).data());
            }
            return w;
        }
    }

    @Override
    public String name() { return "windowed_attention"; }
}
