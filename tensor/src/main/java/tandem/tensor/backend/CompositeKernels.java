package tandem.tensor.backend;

import java.util.Arrays;
import tandem.tensor.BinaryOp;
import tandem.tensor.DType;
import tandem.tensor.ReduceOp;
import tandem.tensor.Shape;
import tandem.tensor.Tensor;
import tandem.tensor.UnaryOp;

/**
 * Windowed attention and squeeze-and-excitation written as compositions of the other {@link Backend} primitives
 * (narrow views, matmul, softmax, reductions, elementwise ops). They are the defaults of the fused Backend methods:
 * every backend runs them until it brings a fused kernel, and every fused kernel is tested against them.
 * They read as the math does, one window or one class at a time; speed is the fused kernels' job.
 *
 * <p>The shape checks here are shared with the fused kernels, so every path rejects bad input with the same message.
 */
public final class CompositeKernels {
    private CompositeKernels() {}

    /** Sizes of one windowed-attention call: q (b, tq, d), k (b, tk, d), v (b, tk, dv). */
    public record WindowDims(int b, int tq, int tk, int d, int dv, int windows) {
        /** First query row of window {@code i}; window i holds rows [queryStart(i), queryStart(i + 1)). */
        public int queryStart(int i) { return windowStart(i, tq, windows); }

        /** First key row of window {@code i}. */
        public int keyStart(int i) { return windowStart(i, tk, windows); }
    }

    /** Sizes of one SE call: z (b, n), w1 (c, h, n), b1 (c, h), w2 (c, n, h), b2 (c, n). */
    public record SeDims(int b, int c, int h, int n) {}

    /** floor(i * length / windows): windows that cover the same fraction of both time axes. */
    public static int windowStart(int i, int length, int windows) {
        return (int) ((long) i * length / windows);
    }

    // ---- windowed attention ---------------------------------------------------------------------------------

    // q: (B, Tq, D), k: (B, Tk, D), v: (B, Tk, Dv) -> {out: (B, Tq, Dv), logsumexp: (B, Tq)}
    public static Tensor[] windowAttentionForward(Backend be, Tensor q, Tensor k, Tensor v, int windows, double scale) {
        WindowDims d = checkWindowAttention("window_attention", q, k, v, windows);
        Tensor out = zeros(be, q.dtype(), d.b(), d.tq(), d.dv());
        Tensor lse = zeros(be, q.dtype(), d.b(), d.tq());
        for (int i = 0; i < windows; i++) {
            int qs = d.queryStart(i), ql = d.queryStart(i + 1) - qs;
            int ks = d.keyStart(i), kl = d.keyStart(i + 1) - ks;
            Tensor s = scores(be, q.narrow(1, qs, ql), k.narrow(1, ks, kl), scale);        // (B, ql, kl)
            be.assign(out.narrow(1, qs, ql), be.matmul(be.softmax(s, 2, false), v.narrow(1, ks, kl)));
            be.assign(lse.narrow(1, qs, ql), logSumExp(be, s).reshape(d.b(), ql));
        }
        return new Tensor[] {out, lse};
    }

    /**
     * With p = exp(s - logsumexp) the forward's probabilities, per window:
     * dv = p^T dOut, dp = dOut v^T, ds = p * (dp - rowsum(dOut * out)) * scale, dq = ds k, dk = ds^T q.
     * rowsum(dOut * out) equals sum_j p_j dp_j, the softmax backward's correction term, without forming p dp.
     */
    public static Tensor[] windowAttentionBackward(Backend be, Tensor q, Tensor k, Tensor v, Tensor out, Tensor logsumexp,
                                                   Tensor dOut, int windows, double scale) {
        WindowDims d = checkWindowAttentionBackward("window_attention_bwd", q, k, v, out, logsumexp, dOut, windows);
        Tensor dq = zeros(be, q.dtype(), d.b(), d.tq(), d.d());
        Tensor dk = zeros(be, q.dtype(), d.b(), d.tk(), d.d());
        Tensor dv = zeros(be, q.dtype(), d.b(), d.tk(), d.dv());
        for (int i = 0; i < windows; i++) {
            int qs = d.queryStart(i), ql = d.queryStart(i + 1) - qs;
            int ks = d.keyStart(i), kl = d.keyStart(i + 1) - ks;
            Tensor qi = q.narrow(1, qs, ql), ki = k.narrow(1, ks, kl), vi = v.narrow(1, ks, kl);
            Tensor gi = dOut.narrow(1, qs, ql), oi = out.narrow(1, qs, ql);
            Tensor li = logsumexp.narrow(1, qs, ql).unsqueeze(2);                          // (B, ql, 1)
            Tensor p = be.unary(UnaryOp.EXP, be.binary(BinaryOp.SUB, scores(be, qi, ki, scale), li), 0);
            be.assign(dv.narrow(1, ks, kl), be.matmul(p.transpose(1, 2), gi));
            Tensor dp = be.matmul(gi, vi.transpose(1, 2));                                 // (B, ql, kl)
            Tensor delta = be.reduce(ReduceOp.SUM, be.binary(BinaryOp.MUL, gi, oi), new int[] {2}, true);
            Tensor ds = be.unary(UnaryOp.MUL_SCALAR, be.binary(BinaryOp.MUL, p, be.binary(BinaryOp.SUB, dp, delta)), scale);
            be.assign(dq.narrow(1, qs, ql), be.matmul(ds, ki));
            be.assign(dk.narrow(1, ks, kl), be.matmul(ds.transpose(1, 2), qi));
        }
        return new Tensor[] {dq, dk, dv};
    }

    // q: (B, Tq, D), k: (B, Tk, D) -> (B, Tq, Tk), zero outside each query's window
    public static Tensor windowAttentionWeights(Backend be, Tensor q, Tensor k, int windows, double scale) {
        WindowDims d = checkWindowAttention("window_attention_weights", q, k, k, windows);
        Tensor w = zeros(be, q.dtype(), d.b(), d.tq(), d.tk());
        for (int i = 0; i < windows; i++) {
            int qs = d.queryStart(i), ql = d.queryStart(i + 1) - qs;
            int ks = d.keyStart(i), kl = d.keyStart(i + 1) - ks;
            Tensor s = scores(be, q.narrow(1, qs, ql), k.narrow(1, ks, kl), scale);
            be.assign(w.narrow(1, qs, ql).narrow(2, ks, kl), be.softmax(s, 2, false));
        }
        return w;
    }

    // qi: (B, ql, D), ki: (B, kl, D) -> scale * qi ki^T: (B, ql, kl)
    private static Tensor scores(Backend be, Tensor qi, Tensor ki, double scale) {
        return be.unary(UnaryOp.MUL_SCALAR, be.matmul(qi, ki.transpose(1, 2)), scale);
    }

    // s: (B, ql, kl) -> log(sum_j exp(s_j)) along the last axis, max-subtracted: (B, ql, 1)
    private static Tensor logSumExp(Backend be, Tensor s) {
        Tensor m = be.reduce(ReduceOp.MAX, s, new int[] {2}, true);
        Tensor sum = be.reduce(ReduceOp.SUM, be.unary(UnaryOp.EXP, be.binary(BinaryOp.SUB, s, m), 0), new int[] {2}, true);
        return be.binary(BinaryOp.ADD, be.unary(UnaryOp.LOG, sum, 0), m);
    }

    // ---- squeeze-and-excitation, one excitation per class ----------------------------------------------------

    // z: (B, N), w1: (C, H, N), b1: (C, H), w2: (C, N, H), b2: (C, N) -> s: (B, C, N)
    public static Tensor seExciteForward(Backend be, Tensor z, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
        checkSeExcite("se_excite", z, w1, b1, w2, b2);
        Tensor s = excite(be, z, w1, b1, w2, b2)[2];                                       // (C, B, N)
        return be.copy(s.permute(1, 0, 2));
    }

    /**
     * With a = w1 z + b1, h = relu(a), s = sigmoid(w2 h + b2) recomputed per class:
     * du = ds * s (1 - s), db2 = sum_b du, dw2 = du^T h, da = (du w2) * [a > 0], db1 = sum_b da, dw1 = da^T z,
     * dz = sum_c da w1.
     */
    public static Tensor[] seExciteBackward(Backend be, Tensor z, Tensor w1, Tensor b1, Tensor w2, Tensor b2, Tensor ds) {
        checkSeExciteBackward("se_excite_bwd", z, w1, b1, w2, b2, ds);
        Tensor[] r = excite(be, z, w1, b1, w2, b2);
        Tensor a = r[0], h = r[1], s = r[2];                                                // (C, B, H/H/N)
        Tensor oneMinusS = be.unary(UnaryOp.ADD_SCALAR, be.unary(UnaryOp.MUL_SCALAR, s, -1), 1);
        Tensor du = be.binary(BinaryOp.MUL, ds.permute(1, 0, 2), be.binary(BinaryOp.MUL, s, oneMinusS));
        Tensor db2 = be.reduce(ReduceOp.SUM, du, new int[] {1}, false);                    // (C, N)
        Tensor dw2 = be.matmul(du.transpose(1, 2), h);                                      // (C, N, H)
        Tensor positive = be.binary(BinaryOp.GT, a, Tensor.scalar(0, a.dtype()).to(a.device()));
        Tensor da = be.binary(BinaryOp.MUL, be.matmul(du, w2), positive);                   // (C, B, H)
        Tensor db1 = be.reduce(ReduceOp.SUM, da, new int[] {1}, false);                    // (C, H)
        Tensor dw1 = be.matmul(da.transpose(1, 2), z);                                      // (C, H, N)
        Tensor dz = be.reduce(ReduceOp.SUM, be.matmul(da, w1), new int[] {0}, false);      // (B, N)
        return new Tensor[] {dz, dw1, db1, dw2, db2};
    }

    // -> {a = w1 z + b1, h = relu(a), s = sigmoid(w2 h + b2)}, each (C, B, *): all classes in one batched matmul
    private static Tensor[] excite(Backend be, Tensor z, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
        Tensor a = be.binary(BinaryOp.ADD, be.matmul(z.unsqueeze(0), w1.transpose(1, 2)), b1.unsqueeze(1));
        Tensor h = be.unary(UnaryOp.RELU, a, 0);
        Tensor u = be.binary(BinaryOp.ADD, be.matmul(h, w2.transpose(1, 2)), b2.unsqueeze(1));
        return new Tensor[] {a, h, be.unary(UnaryOp.SIGMOID, u, 0)};
    }

    // ---- shape checks shared by every path --------------------------------------------------------------------

    /** Checks q (B, Tq, D), k (B, Tk, D), v (B, Tk, Dv), one dtype and device, and 1 <= windows <= min(Tq, Tk). */
    public static WindowDims checkWindowAttention(String op, Tensor q, Tensor k, Tensor v, int windows) {
        Shape.requireRank(op, "q (B, Tq, D)", q.shape(), 3);
        Shape.requireRank(op, "k (B, Tk, D)", k.shape(), 3);
        Shape.requireRank(op, "v (B, Tk, Dv)", v.shape(), 3);
        q.requireSameDeviceAndType(op, k);
        q.requireSameDeviceAndType(op, v);
        int b = q.size(0), tq = q.size(1), d = q.size(2), tk = k.size(1);
        if (k.size(0) != b || k.size(2) != d || v.size(0) != b || v.size(1) != tk) {
            throw new IllegalArgumentException(op + ": q " + Shape.str(q.shape()) + ", k " + Shape.str(k.shape()) + " and v "
                    + Shape.str(v.shape()) + " do not fit (need q (B, Tq, D), k (B, Tk, D), v (B, Tk, Dv))");
        }
        if (windows < 1 || windows > Math.min(tq, tk)) {
            throw new IllegalArgumentException(op + ": windows must be between 1 and min(Tq, Tk) = " + Math.min(tq, tk)
                    + " so that every window holds a query and a key, got " + windows + " for q " + Shape.str(q.shape())
                    + " and k " + Shape.str(k.shape()));
        }
        return new WindowDims(b, tq, tk, d, v.size(2), windows);
    }

    /** The forward's checks plus out (B, Tq, Dv), logsumexp (B, Tq) and dOut (B, Tq, Dv). */
    public static WindowDims checkWindowAttentionBackward(String op, Tensor q, Tensor k, Tensor v, Tensor out,
                                                          Tensor logsumexp, Tensor dOut, int windows) {
        WindowDims d = checkWindowAttention(op, q, k, v, windows);
        requireShape(op, "out", out, q, d.b(), d.tq(), d.dv());
        requireShape(op, "logsumexp", logsumexp, q, d.b(), d.tq());
        requireShape(op, "dOut", dOut, q, d.b(), d.tq(), d.dv());
        return d;
    }

    /** Checks z (B, N), w1 (C, H, N), b1 (C, H), w2 (C, N, H), b2 (C, N), one dtype and device. */
    public static SeDims checkSeExcite(String op, Tensor z, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
        Shape.requireRank(op, "z (B, N)", z.shape(), 2);
        Shape.requireRank(op, "w1 (C, H, N)", w1.shape(), 3);
        SeDims d = new SeDims(z.size(0), w1.size(0), w1.size(1), z.size(1));
        requireShape(op, "w1", w1, z, d.c(), d.h(), d.n());
        requireShape(op, "b1", b1, z, d.c(), d.h());
        requireShape(op, "w2", w2, z, d.c(), d.n(), d.h());
        requireShape(op, "b2", b2, z, d.c(), d.n());
        return d;
    }

    /** The forward's checks plus ds (B, C, N). */
    public static SeDims checkSeExciteBackward(String op, Tensor z, Tensor w1, Tensor b1, Tensor w2, Tensor b2, Tensor ds) {
        SeDims d = checkSeExcite(op, z, w1, b1, w2, b2);
        requireShape(op, "ds", ds, z, d.b(), d.c(), d.n());
        return d;
    }

    private static void requireShape(String op, String name, Tensor t, Tensor like, int... expected) {
        like.requireSameDeviceAndType(op, t);
        if (!Arrays.equals(t.shape(), expected)) {
            throw new IllegalArgumentException(op + ": " + name + " has shape " + Shape.str(t.shape()) + ", expected "
                    + Shape.str(expected));
        }
    }

    private static Tensor zeros(Backend be, DType dtype, int... shape) {
        return Tensor.of(be.allocate(dtype, Shape.numel(shape)), shape);
    }
}
