package tandem.kernels.cpu.fast;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked heart of {@link Sgemm}: an MR x NR tile of C (8 rows by two vectors of columns) held in 16
 * vector accumulators across the whole K loop. Each step loads two vectors of packed B, broadcasts eight packed A
 * values and issues 16 FMAs, so loads stay well below the FMA rate and 16 independent chains hide the FMA latency.
 * (AVX-512 has 32 vector registers; 16 accumulators + 2 B vectors + 1 broadcast fit with room.)
 *
 * <p>Full tiles with beta 0 or 1 go through {@link #tileStore} / {@link #tileAccumulate}, which write C straight
 * from the accumulators; {@link #tile} (spill to scratch, then merge) serves other betas and partial tiles.
 * Measured in one L1-resident loop the tile reaches about 94% of the FMA peak on the AVX-512 machine.
 *
 * <p>The three variants repeat the same K loop on purpose. One shared kernel whose accumulators start either
 * zeroed or loaded from C (a branch before the loop) measured 0.45 of the FMA peak on a 1024^3 GEMM, against
 * 0.61-0.66 for these copies in the same hour: C2 kept the merged start values out of registers.
 */
final class MicroKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int MR = 8;
    static final int NR = 2 * L;

    private MicroKernel() {}

    /**
     * C[0:MR, 0:NR] = beta * C + Apanel * Bpanel, where beta == 0 stores without reading C (so NaNs there vanish).
     * a: [kc][MR] from aOff; b: [kc][NR] from bOff; c: row-major with leading dimension ldc; acc: MR * NR scratch.
     * With c == null the tile is only left in acc (row-major, leading dimension NR).
     */
    static void tile(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, float beta,
                     float[] acc) {
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
        // Spill the tile to scratch first: merging straight from the accumulators through a helper taking
        // FloatVector parameters defeated C2's intrinsics (boxed vectors, 10x slower) in our measurements.
        c00.intoArray(acc, 0);
        c01.intoArray(acc, L);
        c10.intoArray(acc, NR);
        c11.intoArray(acc, NR + L);
        c20.intoArray(acc, 2 * NR);
        c21.intoArray(acc, 2 * NR + L);
        c30.intoArray(acc, 3 * NR);
        c31.intoArray(acc, 3 * NR + L);
        c40.intoArray(acc, 4 * NR);
        c41.intoArray(acc, 4 * NR + L);
        c50.intoArray(acc, 5 * NR);
        c51.intoArray(acc, 5 * NR + L);
        c60.intoArray(acc, 6 * NR);
        c61.intoArray(acc, 6 * NR + L);
        c70.intoArray(acc, 7 * NR);
        c71.intoArray(acc, 7 * NR + L);
        if (c != null) merge(acc, c, cOff, ldc, beta);
    }

    /**
     * C[0:MR, 0:NR] = Apanel * Bpanel (beta 0), stored straight from the accumulators. Together with
     * {@link #tileAccumulate} this skips the scratch spill and merge of {@link #tile}, which cost about 5% of a
     * 1024^3 GEMM. Each variant is straight-line code, so nothing in it can deoptimise the vector loop.
     */
    static void tileStore(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc) {
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
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c10.intoArray(c, cOff + ldc);
        c11.intoArray(c, cOff + ldc + L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + L);
        c40.intoArray(c, cOff + 4 * ldc);
        c41.intoArray(c, cOff + 4 * ldc + L);
        c50.intoArray(c, cOff + 5 * ldc);
        c51.intoArray(c, cOff + 5 * ldc + L);
        c60.intoArray(c, cOff + 6 * ldc);
        c61.intoArray(c, cOff + 6 * ldc + L);
        c70.intoArray(c, cOff + 7 * ldc);
        c71.intoArray(c, cOff + 7 * ldc + L);
    }

    /** C[0:MR, 0:NR] += Apanel * Bpanel (beta 1): the accumulators start from C. */
    static void tileAccumulate(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc) {
        FloatVector c00 = FloatVector.fromArray(S, c, cOff);
        FloatVector c01 = FloatVector.fromArray(S, c, cOff + L);
        FloatVector c10 = FloatVector.fromArray(S, c, cOff + ldc);
        FloatVector c11 = FloatVector.fromArray(S, c, cOff + ldc + L);
        FloatVector c20 = FloatVector.fromArray(S, c, cOff + 2 * ldc);
        FloatVector c21 = FloatVector.fromArray(S, c, cOff + 2 * ldc + L);
        FloatVector c30 = FloatVector.fromArray(S, c, cOff + 3 * ldc);
        FloatVector c31 = FloatVector.fromArray(S, c, cOff + 3 * ldc + L);
        FloatVector c40 = FloatVector.fromArray(S, c, cOff + 4 * ldc);
        FloatVector c41 = FloatVector.fromArray(S, c, cOff + 4 * ldc + L);
        FloatVector c50 = FloatVector.fromArray(S, c, cOff + 5 * ldc);
        FloatVector c51 = FloatVector.fromArray(S, c, cOff + 5 * ldc + L);
        FloatVector c60 = FloatVector.fromArray(S, c, cOff + 6 * ldc);
        FloatVector c61 = FloatVector.fromArray(S, c, cOff + 6 * ldc + L);
        FloatVector c70 = FloatVector.fromArray(S, c, cOff + 7 * ldc);
        FloatVector c71 = FloatVector.fromArray(S, c, cOff + 7 * ldc + L);
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
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c10.intoArray(c, cOff + ldc);
        c11.intoArray(c, cOff + ldc + L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + L);
        c40.intoArray(c, cOff + 4 * ldc);
        c41.intoArray(c, cOff + 4 * ldc + L);
        c50.intoArray(c, cOff + 5 * ldc);
        c51.intoArray(c, cOff + 5 * ldc + L);
        c60.intoArray(c, cOff + 6 * ldc);
        c61.intoArray(c, cOff + 6 * ldc + L);
        c70.intoArray(c, cOff + 7 * ldc);
        c71.intoArray(c, cOff + 7 * ldc + L);
    }

    /**
     * C[0:MR, 0:NR] = beta * C + acc, in plain loops the JIT vectorises. Kept out of {@link #tile} so that the
     * branches on beta and on c never deoptimise the vector loop (each deoptimisation sent tile back through the
     * slow, non-intrinsified tiers for a while: a third of a small model's training step in one profile).
     */
    private static void merge(float[] acc, float[] c, int cOff, int ldc, float beta) {
        for (int i = 0, at = cOff; i < MR; i++, at += ldc) {
            int ai = i * NR;
            if (beta == 0f) {
                System.arraycopy(acc, ai, c, at, NR);
            } else {
                for (int j = 0; j < NR; j++) c[at + j] = beta * c[at + j] + acc[ai + j];
            }
        }
    }

    /** A partial tile (rows <= MR, cols <= NR): computed whole into {@code scratch} (MR * NR), then merged into C. */
    static void edge(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, float beta,
                     int rows, int cols, float[] scratch) {
        tile(kc, a, aOff, b, bOff, null, 0, 0, 0f, scratch);
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
