package tandem.kernels.cpu.fast;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import tandem.tensor.DType;
import tandem.tensor.Shape;
import tandem.tensor.Tensor;
import tandem.tensor.backend.FusedShapes.WindowDims;
import tandem.tensor.backend.FusedShapes;
import tandem.tensor.memory.CpuStorage;

/**
 * The F32 kernel (written second): the Vector API straight on the float arrays (no widening copies). Each (batch, window) task transposes
 * its key (and, backward, value) block so that scores run along the keys in vector lanes with no horizontal sums; the
 * backward keeps P and dS for the window and forms dk, dv as row sums held in registers.
 * Measured (attn-windowed fwd+bwd, F32, 2 shared cores, medians): 0.65-0.75 ms, about 5x WindowAttentionF64 and 9x the composite.
 *
 * <p>What decides the shape: the lane count sets the block of keys (or of feature columns) one vector holds, and the
 * windows are padded to whole vectors of keys; every sum over a window's rows or features runs in
 * {@value #CHAINS} independent accumulators, because one accumulator waits out the FMA latency at every step (these
 * sums are 5 to 64 terms long). At most 4 accumulators and 2 operands are live, so any register file holds them.
 */
public final class WindowAttentionF32 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Independent accumulators per sum. */
    static final int CHAINS = 4;

    private WindowAttentionF32() {}

    // q: (B, Tq, D), k: (B, Tk, D), v: (B, Tk, Dv) -> {out: (B, Tq, Dv), logsumexp: (B, Tq)}
    public static Tensor[] forward(Tensor q, Tensor k, Tensor v, int windows, double scale) {
        WindowDims d = FusedShapes.checkWindowAttention("window_attention", q, k, v, windows);
        float[] qa = f32("window_attention", q), ka = f32("window_attention", k), va = f32("window_attention", v);
        float[] out = new float[d.b() * d.tq() * d.dv()], lse = new float[d.b() * d.tq()];
        float sc = (float) scale;
        Parallel.forEachIndex(d.b() * windows, WindowAttentionF64.flops(d), task -> {
            int b = task / windows, i = task % windows;
            int ks = d.keyStart(i), kl = d.keyStart(i + 1) - ks;
            float[] kT = transposed(ka, (b * d.tk() + ks) * d.d(), kl, d.d());
            float[] p = new float[padded(kl)];
            for (int r = d.queryStart(i); r < d.queryStart(i + 1); r++) {
                int row = b * d.tq() + r;
                scores(qa, row * d.d(), d.d(), sc, kT, padded(kl), p);
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < kl; j++) max = Math.max(max, p[j]);
                float sum = 0;
                for (int j = 0; j < kl; j++) sum += p[j] = (float) Math.exp(p[j] - max);
                float inv = 1f / sum;
                for (int j = 0; j < kl; j++) p[j] *= inv;
                // out_r = sum_j p_j v_j, the accumulator of each lane block held in a register across keys
                int vBase = (b * d.tk() + ks) * d.dv(), oRow = row * d.dv(), e = 0;
                for (; e <= d.dv() - L; e += L) combine(p, 0, 1, kl, va, vBase + e, d.dv()).intoArray(out, oRow + e);
                for (; e < d.dv(); e++) {
                    float acc = 0;
                    for (int j = 0; j < kl; j++) acc += p[j] * va[vBase + j * d.dv() + e];
                    out[oRow + e] = acc;
                }
                lse[row] = max + (float) Math.log(sum);
            }
        });
        return new Tensor[] {wrap(out, d.b(), d.tq(), d.dv()), wrap(lse, d.b(), d.tq())};
    }

    public static Tensor[] backward(Tensor q, Tensor k, Tensor v, Tensor out, Tensor logsumexp, Tensor dOut,
                                    int windows, double scale) {
        String op = "window_attention_bwd";
        WindowDims d = FusedShapes.checkWindowAttentionBackward(op, q, k, v, out, logsumexp, dOut, windows);
        float[] qa = f32(op, q), ka = f32(op, k), va = f32(op, v), oa = f32(op, out), la = f32(op, logsumexp), ga = f32(op, dOut);
        float[] dq = new float[qa.length], dk = new float[ka.length], dv = new float[va.length];
        float sc = (float) scale;
        // tasks own disjoint rows of dq, dk and dv: windows partition both time axes
        Parallel.forEachIndex(d.b() * windows, 2 * WindowAttentionF64.flops(d), task -> {
            int b = task / windows, i = task % windows;
            int qs = d.queryStart(i), ql = d.queryStart(i + 1) - qs;
            int ks = d.keyStart(i), kl = d.keyStart(i + 1) - ks, kp = padded(kl);
            int kBase = (b * d.tk() + ks) * d.d(), vBase = (b * d.tk() + ks) * d.dv();
            float[] kT = transposed(ka, kBase, kl, d.d()), vT = transposed(va, vBase, kl, d.dv());
            float[] p = new float[ql * kp], ds = new float[ql * kp], dp = new float[kp];
            for (int r = 0; r < ql; r++) {
                int row = b * d.tq() + qs + r;
                scores(qa, row * d.d(), d.d(), sc, kT, kp, p, r * kp);
                scores(ga, row * d.dv(), d.dv(), 1f, vT, kp, dp, 0);                        // dp_j = dOut_r . v_j
                float delta = dot(ga, oa, row * d.dv(), d.dv()), l = la[row];
                for (int j = 0; j < kl; j++) {
                    float pj = p[r * kp + j] = (float) Math.exp(p[r * kp + j] - l);
                    ds[r * kp + j] = pj * (dp[j] - delta) * sc;
                }
                for (int j = kl; j < kp; j++) p[r * kp + j] = 0;
                rowCombination(ds, r * kp, kl, ka, kBase, d.d(), dq, row * d.d());          // dq_r = sum_j ds_rj k_j
            }
            int qBase = (b * d.tq() + qs) * d.d(), gBase = (b * d.tq() + qs) * d.dv();
            for (int j = 0; j < kl; j++) {
                columnCombination(ds, j, kp, ql, qa, qBase, d.d(), dk, kBase + j * d.d());  // dk_j = sum_r ds_rj q_r
                columnCombination(p, j, kp, ql, ga, gBase, d.dv(), dv, vBase + j * d.dv()); // dv_j = sum_r p_rj dOut_r
            }
        });
        return new Tensor[] {wrap(dq, q.shape()), wrap(dk, k.shape()), wrap(dv, v.shape())};
    }

    // s[sAt + j] = scale * sum_e x[xAt + e] * yT[e * kp + j] for j < kp (lanes run along the keys)
    private static void scores(float[] x, int xAt, int n, float scale, float[] yT, int kp, float[] s, int sAt) {
        for (int j = 0; j < kp; j += L) combine(x, xAt, 1, n, yT, j, kp).mul(scale).intoArray(s, sAt + j);
    }

    /**
     * sum_i c[cAt + i * cStride] * m[mAt + i * mStride .. + L) for i < rows: one vector of a combination of rows of m,
     * in {@value #CHAINS} independent accumulators.
     */
    private static FloatVector combine(float[] c, int cAt, int cStride, int rows, float[] m, int mAt, int mStride) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int i = 0, ci = cAt, mi = mAt;
        for (; i + CHAINS <= rows; i += CHAINS, ci += CHAINS * cStride, mi += CHAINS * mStride) {
            a0 = load(m, mi).fma(splat(c[ci]), a0);
            a1 = load(m, mi + mStride).fma(splat(c[ci + cStride]), a1);
            a2 = load(m, mi + 2 * mStride).fma(splat(c[ci + 2 * cStride]), a2);
            a3 = load(m, mi + 3 * mStride).fma(splat(c[ci + 3 * cStride]), a3);
        }
        for (; i < rows; i++, ci += cStride, mi += mStride) a0 = load(m, mi).fma(splat(c[ci]), a0);
        return a0.add(a1).add(a2.add(a3));
    }

    private static void scores(float[] x, int xAt, int n, float scale, float[] yT, int kp, float[] s) {
        scores(x, xAt, n, scale, yT, kp, s, 0);
    }

    // dst[dAt + e] = sum_j c[cAt + j] * m[mBase + j * n + e]: a combination of the rows of m
    private static void rowCombination(float[] c, int cAt, int rows, float[] m, int mBase, int n, float[] dst, int dAt) {
        int e = 0;
        for (; e <= n - L; e += L) combine(c, cAt, 1, rows, m, mBase + e, n).intoArray(dst, dAt + e);
        for (; e < n; e++) {
            float acc = 0;
            for (int j = 0; j < rows; j++) acc += c[cAt + j] * m[mBase + j * n + e];
            dst[dAt + e] = acc;
        }
    }

    // dst[dAt + e] = sum_r c[r * kp + j] * m[mBase + r * n + e]: column j of c combines the rows of m
    private static void columnCombination(float[] c, int j, int kp, int rows, float[] m, int mBase, int n, float[] dst, int dAt) {
        int e = 0;
        for (; e <= n - L; e += L) combine(c, j, kp, rows, m, mBase + e, n).intoArray(dst, dAt + e);
        for (; e < n; e++) {
            float acc = 0;
            for (int r = 0; r < rows; r++) acc += c[r * kp + j] * m[mBase + r * n + e];
            dst[dAt + e] = acc;
        }
    }

    private static float dot(float[] a, float[] b, int at, int n) {
        FloatVector acc = FloatVector.zero(S);
        int e = 0;
        for (; e <= n - L; e += L) acc = load(a, at + e).fma(load(b, at + e), acc);
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; e < n; e++) s += a[at + e] * b[at + e];
        return s;
    }

    // rows x n block at base -> n x padded(rows), zero in the padding, so score vectors never need a tail
    private static float[] transposed(float[] a, int base, int rows, int n) {
        int kp = padded(rows);
        float[] t = new float[n * kp];
        for (int j = 0; j < rows; j++) {
            for (int e = 0; e < n; e++) t[e * kp + j] = a[base + j * n + e];
        }
        return t;
    }

    private static int padded(int n) { return (n + L - 1) / L * L; }

    static float[] f32(String op, Tensor t) {
        if (t.dtype() != DType.F32) {
            throw new IllegalArgumentException(op + ": this kernel takes F32, got " + t.dtype() + " for shape "
                    + Shape.str(t.shape()));
        }
        return ((CpuStorage) t.contiguous().storage()).f32();
    }

    static Tensor wrap(float[] values, int... shape) { return Tensor.of(CpuStorage.wrap(values), shape); }

    private static FloatVector load(float[] a, int at) { return FloatVector.fromArray(S, a, at); }

    private static FloatVector splat(float x) { return FloatVector.broadcast(S, x); }
}
