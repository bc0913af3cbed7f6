package tandem.tensor.profile;

import tandem.tensor.PoolSpec;
import tandem.tensor.Tensor;
import tandem.tensor.memory.Storage;

/**
 * The work of one backend call, from its arguments and result: FLOPs (a multiply-add counts 2) and bytes moved.
 *
 * <p>Bytes are the compulsory traffic: every distinct element of every tensor (or storage) the call reads or writes,
 * once; a broadcast dimension (stride 0) counts once, and what a kernel re-reads from cache is not counted. So an
 * op's arithmetic intensity here is the best its algorithm allows, as the roofline model takes it. This rule needs
 * no knowledge of the op, so a Backend method added later is counted too.
 *
 * <p>FLOPs are known per method: products and convolutions exactly, elementwise ops and reductions one per element,
 * normalisations and softmax nominal counts per element (stated below), copies, casts, fills and random numbers none.
 * A method not listed here gets NaN FLOPs (its row shows no GFLOP/s) rather than a guess.
 */
final class OpCosts {
    private OpCosts() {}

    /** Nominal FLOPs per element: batch norm forward (training: mean, variance, normalise, scale and shift). */
    static final double BN_TRAIN = 7, BN_EVAL = 3, BN_BACKWARD = 9, SOFTMAX = 5, SOFTMAX_BACKWARD = 4;

    /** FLOPs of {@code method} called with {@code args} returning {@code result}; NaN where the method is not known. */
    static double flops(String method, Object[] args, Object result) {
        return switch (method) {
            case "allocate", "upload", "downloadF32", "downloadF64", "copy", "cast", "fill", "assign", "random" -> 0;
            case "unary", "binary", "where" -> numel(first(result));
            case "reduce" -> numel(tensor(args, 1));
            case "matmul" -> 2.0 * numel(first(result)) * tensor(args, 0).size(-1);
            // y: (B, O, *S'), w: (O, C/g, *K): each output element is a dot product of C/g * prod(K) terms
            case "convForward" -> 2.0 * numel(first(result)) * perOutput(tensor(args, 1).numel(), tensor(args, 1).size(0));
            case "convBackwardData" -> 2.0 * numel(tensor(args, 0)) * perOutput(tensor(args, 1).numel(), tensor(args, 1).size(0));
            case "convBackwardWeight" -> {
                int[] w = (int[]) args[3];
                yield 2.0 * numel(tensor(args, 1)) * perOutput(tandem.tensor.Shape.numel(w), w[0]);
            }
            case "maxPoolForward", "avgPoolForward" -> numel(first(result)) * window((PoolSpec) args[1]);
            case "maxPoolBackward" -> numel(tensor(args, 1)) * window((PoolSpec) args[2]);
            case "avgPoolBackward" -> numel(tensor(args, 0)) * window((PoolSpec) args[1]);
            case "batchNormForward" -> numel(tensor(args, 0)) * ((Boolean) args[5] ? BN_TRAIN : BN_EVAL);
            case "batchNormBackward" -> numel(tensor(args, 1)) * BN_BACKWARD;
            case "softmax" -> numel(tensor(args, 0)) * SOFTMAX;
            case "softmaxBackward" -> numel(tensor(args, 0)) * SOFTMAX_BACKWARD;
            case "windowAttentionForward" -> attention(tensor(args, 0), tensor(args, 1), tensor(args, 2), (Integer) args[3], false);
            case "windowAttentionBackward" -> attention(tensor(args, 0), tensor(args, 1), tensor(args, 2), (Integer) args[6], true);
            case "windowAttentionWeights" -> attention(tensor(args, 0), tensor(args, 1), null, (Integer) args[2], false);
            // z (B, N), w1 (C, H, N): two batched products per class forward; backward recomputes both and forms four
            case "seExciteForward" -> 4.0 * tensor(args, 0).size(0) * tensor(args, 1).numel();
            case "seExciteBackward" -> 12.0 * tensor(args, 0).size(0) * tensor(args, 1).numel();
            // per element, as AdamStep and SgdStep write them: weight decay 2; Adam's moments 3 + 4, its update 7; SGD's
            // buffer 3 and update 2 (nesterov 2 more)
            case "adamStep" -> 16.0 * numel(tensor(args, 0));
            case "sgdMomentumStep" -> 7.0 * numel(tensor(args, 0));
            default -> Double.NaN;
        };
    }

    /** Bytes of every distinct element read or written: tensor and storage arguments, and the result. */
    static double bytes(Object[] args, Object result) {
        double b = bytesOf(result);
        if (args != null) for (Object a : args) b += bytesOf(a);
        return b;
    }

    private static double bytesOf(Object o) {
        if (o instanceof Tensor t) return distinctElements(t) * t.dtype().bytes();
        if (o instanceof Tensor[] ts) {
            double b = 0;
            for (Tensor t : ts) if (t != null) b += distinctElements(t) * t.dtype().bytes();
            return b;
        }
        if (o instanceof Storage s) return (double) s.length() * s.dtype().bytes();
        if (o instanceof float[] f) return 4.0 * f.length;
        if (o instanceof double[] d) return 8.0 * d.length;
        return 0;
    }

    /** Elements of the view, counting a broadcast (stride 0) dimension once. */
    static double distinctElements(Tensor t) {
        if (t.isContiguous()) return t.numel();
        int[] shape = t.shape(), strides = t.strides();
        double n = 1;
        for (int i = 0; i < shape.length; i++) if (strides[i] != 0 || shape[i] == 0) n *= shape[i];
        return n;
    }

    /**
     * Windowed attention over the query-key pairs inside windows, P of them: forward 2 P (D + Dv) (scores and the
     * weighted sum), backward 2 P (3 D + 2 Dv) (recomputed scores, dP, dV, dQ, dK); without v only the scores.
     * Window i covers rows [floor(i T / W), floor((i + 1) T / W)) of queries and keys alike.
     */
    private static double attention(Tensor q, Tensor k, Tensor v, int windows, boolean backward) {
        int b = q.size(0), tq = q.size(1), tk = k.size(1), d = q.size(2), dv = v == null ? 0 : v.size(2);
        double pairs = 0;
        for (int i = 0; i < windows; i++) {
            long qs = (long) i * tq / windows, qe = (long) (i + 1) * tq / windows;
            long ks = (long) i * tk / windows, ke = (long) (i + 1) * tk / windows;
            pairs += (double) (qe - qs) * (ke - ks);
        }
        return 2 * b * pairs * (backward ? 3.0 * d + 2.0 * dv : d + dv);
    }

    private static double perOutput(long weightElements, int outChannels) { return (double) weightElements / outChannels; }

    private static double window(PoolSpec spec) {
        double w = 1;
        for (int k : spec.kernel()) w *= k;
        return w;
    }

    private static Tensor tensor(Object[] args, int i) { return (Tensor) args[i]; }

    /** The tensor a call returned, or the first of the tensors it returned. */
    private static Tensor first(Object result) {
        return result instanceof Tensor[] ts ? ts[0] : (Tensor) result;
    }

    private static double numel(Tensor t) { return t.numel(); }
}
