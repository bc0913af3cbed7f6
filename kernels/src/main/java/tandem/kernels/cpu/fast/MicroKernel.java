package tandem.kernels.cpu.fast;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked heart of {@link Sgemm}: an MR x NR tile of C (8 rows by two vectors of columns) held in 16
 * vector accumulators across the whole K loop. Each step loads two vectors of packed B, broadcasts eight packed A
 * values and issues 16 FMAs, so loads stay well below the FMA rate and 16 independent chains hide the FMA latency.
 * (AVX-512 has 32 vector registers; 16 accumulators + 2 B vectors + 1 broadcast fit with room, larger tiles made
 * C2 spill in our measurements.)
 */
final class MicroKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int MR = 8;
    static final int NR = 2 * L;

    private MicroKernel() {}

    /**
     * C[0:MR, 0:NR] = beta * C + Apanel * Bpanel, where beta == 0 stores without reading C (so NaNs there vanish).
     * a: [kc][MR] from aOff; b: [kc][NR] from bOff; c: row-major with leading dimension ldc.
     */
    static void tile(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, float beta) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        int ai = aOff, bi = bOff;
        for (int p = 0; p < kc; p++, ai += MR, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector av = FloatVector.broadcast(S, a[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, a[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, a[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, a[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, a[ai + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, a[ai + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, a[ai + 6]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, a[ai + 7]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
        }
        int r = cOff;
        store(c00, c01, c, r, beta);
        store(c10, c11, c, r += ldc, beta);
        store(c20, c21, c, r += ldc, beta);
        store(c30, c31, c, r += ldc, beta);
        store(c40, c41, c, r += ldc, beta);
        store(c50, c51, c, r += ldc, beta);
        store(c60, c61, c, r += ldc, beta);
        store(c70, c71, c, r + ldc, beta);
    }

    private static void store(FloatVector v0, FloatVector v1, float[] c, int at, float beta) {
        if (beta == 0f) {
            v0.intoArray(c, at);
            v1.intoArray(c, at + L);
        } else if (beta == 1f) {
            v0.add(FloatVector.fromArray(S, c, at)).intoArray(c, at);
            v1.add(FloatVector.fromArray(S, c, at + L)).intoArray(c, at + L);
        } else {
            FloatVector.fromArray(S, c, at).lanewise(VectorOperators.FMA, beta, v0).intoArray(c, at);
            FloatVector.fromArray(S, c, at + L).lanewise(VectorOperators.FMA, beta, v1).intoArray(c, at + L);
        }
    }

    /** A partial tile (rows <= MR, cols <= NR): computed whole into {@code scratch} (MR * NR), then merged into C. */
    static void edge(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, float beta,
                     int rows, int cols, float[] scratch) {
        tile(kc, a, aOff, b, bOff, scratch, 0, NR, 0f);
        for (int i = 0; i < rows; i++) {
            int ci = cOff + i * ldc, si = i * NR;
            if (beta == 0f) {
                for (int j = 0; j < cols; j++) c[ci + j] = scratch[si + j];
            } else {
                for (int j = 0; j < cols; j++) c[ci + j] = beta * c[ci + j] + scratch[si + j];
            }
        }
    }
}
