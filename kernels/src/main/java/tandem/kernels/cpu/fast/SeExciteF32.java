package tandem.kernels.cpu.fast;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import tandem.tensor.Tensor;
import tandem.tensor.backend.FusedShapes.SeDims;
import tandem.tensor.backend.FusedShapes;

/**
 * The F32 kernel (written second): the Vector API straight on the float arrays ({@link SeExciteF64} widens every
 * weight to double on each call, which at se-classmap size costs as much as the math). Weight rows are read once per class and used for every batch row.
 * Measured (se-classmap fwd+bwd, F32, 2 shared cores, medians): 8.4-10 ms, about 8x SeExciteF64 and 6x the composite.
 *
 * <p>What decides the shape: the lane count sets how many features (or hidden units) one vector holds, and every dot
 * product and row combination runs in {@value #CHAINS} independent accumulators, so FMAs overlap instead of each
 * waiting out the latency of the one before. At most 4 accumulators and 2 operands are live: any register file holds them.
 */
public final class SeExciteF32 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Independent accumulators per sum. */
    static final int CHAINS = 4;

    private SeExciteF32() {}

    // z: (B, N), w1: (C, H, N), b1: (C, H), w2: (C, N, H), b2: (C, N) -> s: (B, C, N)
    public static Tensor forward(Tensor z, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
        String op = "se_excite";
        SeDims d = FusedShapes.checkSeExcite(op, z, w1, b1, w2, b2);
        float[] za = WindowAttentionF32.f32(op, z), w1a = WindowAttentionF32.f32(op, w1), b1a = WindowAttentionF32.f32(op, b1);
        float[] w2a = WindowAttentionF32.f32(op, w2), b2a = WindowAttentionF32.f32(op, b2);
        float[] s = new float[d.b() * d.c() * d.n()];
        Parallel.forEachIndex(d.c(), SeExciteF64.flops(d), c -> {
            float[] pre = new float[d.b() * d.h()];
            hidden(d, c, za, w1a, b1a, pre);
            for (int i = 0; i < pre.length; i++) pre[i] = Math.max(pre[i], 0);
            for (int ni = 0; ni < d.n(); ni++) {
                int row = (c * d.n() + ni) * d.h();
                for (int bi = 0; bi < d.b(); bi++) {
                    s[(bi * d.c() + c) * d.n() + ni] = sigmoid(b2a[c * d.n() + ni] + dot(w2a, row, pre, bi * d.h(), d.h()));
                }
            }
        });
        return WindowAttentionF32.wrap(s, d.b(), d.c(), d.n());
    }

    public static Tensor[] backward(Tensor z, Tensor w1, Tensor b1, Tensor w2, Tensor b2, Tensor ds) {
        String op = "se_excite_bwd";
        SeDims d = FusedShapes.checkSeExciteBackward(op, z, w1, b1, w2, b2, ds);
        float[] za = WindowAttentionF32.f32(op, z), w1a = WindowAttentionF32.f32(op, w1), b1a = WindowAttentionF32.f32(op, b1);
        float[] w2a = WindowAttentionF32.f32(op, w2), b2a = WindowAttentionF32.f32(op, b2), g = WindowAttentionF32.f32(op, ds);
        int nb = d.b(), h = d.h(), n = d.n();
        float[] dw1 = new float[w1a.length], db1 = new float[b1a.length], dw2 = new float[w2a.length], db2 = new float[b2a.length];
        float[][] dzPerClass = new float[d.c()][];
        Parallel.forEachIndex(d.c(), 2 * SeExciteF64.flops(d), c -> {
            float[] pre = new float[nb * h], hid = new float[nb * h], da = new float[nb * h], du = new float[nb];
            hidden(d, c, za, w1a, b1a, pre);
            for (int i = 0; i < pre.length; i++) hid[i] = Math.max(pre[i], 0);
            // per gate n: du_b = ds * s (1 - s); dw2[c, n] = sum_b du_b hidden_b; dhidden_b += du_b w2[c, n]
            for (int ni = 0; ni < n; ni++) {
                int row = (c * n + ni) * h;
                float bias = 0;
                for (int bi = 0; bi < nb; bi++) {
                    float s = sigmoid(b2a[c * n + ni] + dot(w2a, row, hid, bi * h, h));
                    du[bi] = g[(bi * d.c() + c) * n + ni] * s * (1 - s);
                    bias += du[bi];
                }
                db2[c * n + ni] = bias;
                combine(du, nb, hid, h, dw2, row);
                for (int bi = 0; bi < nb; bi++) axpy(du[bi], w2a, row, da, bi * h, h);
            }
            for (int i = 0; i < da.length; i++) if (pre[i] <= 0) da[i] = 0;                 // relu'
            // per hidden unit: dw1[c, h] = sum_b da_bh z_b; dz_b += da_bh w1[c, h]
            float[] dz = new float[nb * n], col = new float[nb];
            for (int hi = 0; hi < h; hi++) {
                int row = (c * h + hi) * n;
                float bias = 0;
                for (int bi = 0; bi < nb; bi++) bias += col[bi] = da[bi * h + hi];
                db1[c * h + hi] = bias;
                combine(col, nb, za, n, dw1, row);
                for (int bi = 0; bi < nb; bi++) if (col[bi] != 0) axpy(col[bi], w1a, row, dz, bi * n, n);
            }
            dzPerClass[c] = dz;
        });
        float[] dz = new float[za.length];
        for (float[] part : dzPerClass) for (int i = 0; i < dz.length; i++) dz[i] += part[i];
        return new Tensor[] {WindowAttentionF32.wrap(dz, z.shape()), WindowAttentionF32.wrap(dw1, w1.shape()),
            WindowAttentionF32.wrap(db1, b1.shape()), WindowAttentionF32.wrap(dw2, w2.shape()),
            WindowAttentionF32.wrap(db2, b2.shape())};
    }

    // pre[b, h] = w1[c, h] . z[b] + b1[c, h]: each weight row is read once and stays in cache across the batch
    private static void hidden(SeDims d, int c, float[] z, float[] w1, float[] b1, float[] pre) {
        for (int hi = 0; hi < d.h(); hi++) {
            int row = (c * d.h() + hi) * d.n();
            for (int bi = 0; bi < d.b(); bi++) {
                pre[bi * d.h() + hi] = b1[c * d.h() + hi] + dot(w1, row, z, bi * d.n(), d.n());
            }
        }
    }

    // dst[dAt + e] = sum_b coef[b] * m[b * n + e] for e < n
    private static void combine(float[] coef, int rows, float[] m, int n, float[] dst, int dAt) {
        int e = 0;
        for (; e <= n - L; e += L) {
            FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
            int b = 0;
            for (; b + CHAINS <= rows; b += CHAINS) {
                a0 = load(m, b * n + e).fma(splat(coef[b]), a0);
                a1 = load(m, (b + 1) * n + e).fma(splat(coef[b + 1]), a1);
                a2 = load(m, (b + 2) * n + e).fma(splat(coef[b + 2]), a2);
                a3 = load(m, (b + 3) * n + e).fma(splat(coef[b + 3]), a3);
            }
            for (; b < rows; b++) a0 = load(m, b * n + e).fma(splat(coef[b]), a0);
            a0.add(a1).add(a2.add(a3)).intoArray(dst, dAt + e);
        }
        for (; e < n; e++) {
            float acc = 0;
            for (int b = 0; b < rows; b++) acc += coef[b] * m[b * n + e];
            dst[dAt + e] = acc;
        }
    }

    // y[yAt + e] += a * x[xAt + e] for e < n
    private static void axpy(float a, float[] x, int xAt, float[] y, int yAt, int n) {
        int e = 0;
        for (; e <= n - L; e += L) {
            load(x, xAt + e).fma(splat(a), load(y, yAt + e)).intoArray(y, yAt + e);
        }
        for (; e < n; e++) y[yAt + e] += a * x[xAt + e];
    }

    private static float dot(float[] a, int aAt, float[] b, int bAt, int n) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int e = 0;
        for (; e <= n - CHAINS * L; e += CHAINS * L) {
            a0 = load(a, aAt + e).fma(load(b, bAt + e), a0);
            a1 = load(a, aAt + e + L).fma(load(b, bAt + e + L), a1);
            a2 = load(a, aAt + e + 2 * L).fma(load(b, bAt + e + 2 * L), a2);
            a3 = load(a, aAt + e + 3 * L).fma(load(b, bAt + e + 3 * L), a3);
        }
        for (; e <= n - L; e += L) a0 = load(a, aAt + e).fma(load(b, bAt + e), a0);
        float s = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        for (; e < n; e++) s += a[aAt + e] * b[bAt + e];
        return s;
    }

    private static float sigmoid(float x) { return (float) SeExciteF64.sigmoid(x); }

    private static FloatVector load(float[] a, int at) { return FloatVector.fromArray(S, a, at); }

    private static FloatVector splat(float x) { return FloatVector.broadcast(S, x); }
}
