package tandem.kernels.cpu.fast;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tandem.tensor.Tandem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sgemm against a naive double-precision triple loop. Tolerance per element:
 * |c - ref| <= 1e-6 + 1e-5 * (|alpha| * sum_k |a_ik||b_kj| + |beta| * |c0_ij|), float rounding grows with k only through
 * that magnitude sum.
 */
class SgemmTest {
    private static final double ATOL = 1e-6, RTOL = 1e-5;
    private final int savedThreads = Tandem.numThreads();

    @AfterEach
    void restoreThreads() { Tandem.setNumThreads(savedThreads); }

    @ParameterizedTest(name = "m={0} n={1} k={2} tA={3} tB={4} threads={5}")
    @CsvSource({
            "1, 1, 1, false, false, 1",
            "7, 13, 5, false, false, 1",
            "17, 1, 19, false, false, 2",
            "1, 37, 1, false, false, 1",
            "37, 41, 1, true, false, 2",
            "8, 32, 256, false, false, 1",
            "23, 29, 31, true, true, 1",
            "131, 257, 263, false, false, 2",
            "131, 257, 263, true, false, 2",
            "131, 257, 263, false, true, 2",
            "200, 61, 517, true, true, 2",
            "3, 4100, 2, false, false, 1",
            "301, 45, 270, false, false, 2",
            "9, 700, 270, false, true, 2",
            "9, 8300, 40, false, false, 2",
    })
    void matchesNaiveLoop(int m, int n, int k, boolean tA, boolean tB, int threads) {
        Tandem.setNumThreads(threads);
        check(m, n, k, tA, tB, 1.5f, 0f, 0, 0, 0);
    }

    @ParameterizedTest(name = "alpha={0} beta={1}")
    @CsvSource({"1, 1", "-0.5, 2", "0, 0.25", "2, 0"})
    void alphaBetaOffsetsAndPaddedLeadingDimensions(float alpha, float beta) {
        Tandem.setNumThreads(2);
        check(45, 70, 300, false, true, alpha, beta, 3, 5, 7);
        check(45, 70, 300, true, false, alpha, beta, 0, 1, 2);
    }

    @Test
    void betaZeroIgnoresGarbageInC() {
        int m = 9, n = 35, k = 4;
        float[] a = random(m * k, 1), b = random(k * n, 2), c = new float[m * n];
        Arrays.fill(c, Float.NaN);
        Sgemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
        for (float v : c) assertTrue(Float.isFinite(v), "NaN from C leaked through beta = 0");
    }

    @Test
    void batchedMatchesPerItemProducts() {
        Tandem.setNumThreads(2);
        int batch = 5, m = 11, n = 19, k = 7;
        float[] a = random(batch * m * k, 3), b = random(batch * k * n, 4);
        float[] c = Sgemm.matmul(a, b, batch, m, k, n);
        for (int p = 0; p < batch; p++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double ref = 0, mag = 0;
                    for (int q = 0; q < k; q++) {
                        double t = (double) a[p * m * k + i * k + q] * b[p * k * n + q * n + j];
                        ref += t;
                        mag += Math.abs(t);
                    }
                    assertClose(ref, c[p * m * n + i * n + j], mag, "batch " + p + " (" + i + "," + j + ")");
                }
            }
        }
    }

    @Test
    void v1BaselineMatchesV3() {
        int m = 33, n = 47, k = 65;
        float[] a = random(m * k, 5), b = random(k * n, 6), c1 = new float[m * n];
        SgemmV1.matmul(a, b, c1, m, k, n, 2);
        float[] c3 = Sgemm.matmul(a, b, 1, m, k, n);
        for (int i = 0; i < c1.length; i++) assertEquals(c3[i], c1[i], 1e-4f * (1 + Math.abs(c3[i])), "element " + i);
    }

    @Test
    void badLeadingDimensionOrShortArrayIsNamed() {
        float[] a = new float[12], b = new float[12], c = new float[9];
        var e = assertThrows(IllegalArgumentException.class,
                () -> Sgemm.sgemm(false, false, 3, 3, 4, 1f, a, 0, 3, b, 0, 3, 0f, c, 0, 3));
        assertTrue(e.getMessage().contains("leading dimension of A"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> Sgemm.sgemm(false, false, 3, 4, 4, 1f, a, 0, 4, b, 0, 4, 0f, c, 0, 4));
        assertTrue(e2.getMessage().contains("operand B") || e2.getMessage().contains("operand C"), e2.getMessage());
    }

    /**
     * Every micro-kernel on this machine's lane count, whatever the machine would choose, with blockings small enough
     * that these shapes cross every block edge (kc, mc, nc) and end in partial tiles, on 1 and 2 threads.
     */
    @ParameterizedTest(name = "mr={0} threads={1}")
    @CsvSource({"6, 1", "6, 2", "8, 1", "8, 2", "12, 1", "12, 2"})
    void everyTileHeightAndSmallBlockingsMatchTheNaiveLoop(int mr, int threads) {
        Tandem.setNumThreads(threads);
        GemmShape shape = new GemmShape(mr, 40, 2 * mr, 2 * Sgemm.NR);
        check(shape, 3 * mr + 1, 5 * Sgemm.NR + 3, 401, false, false, 1.5f, 0f, 0, 0, 0);
        check(shape, 2 * mr, 4 * Sgemm.NR, 80, true, true, -1f, 1f, 2, 3, 1);
        check(shape, mr - 1, 2 * Sgemm.NR - 1, 41, false, true, 0.5f, 0.25f, 0, 1, 2);
    }

    private static void check(int m, int n, int k, boolean tA, boolean tB, float alpha, float beta, int aOff, int bOff, int pad) {
        check(null, m, n, k, tA, tB, alpha, beta, aOff, bOff, pad);
    }

    // Runs C = alpha op(A) op(B) + beta C with padded leading dimensions and offsets, checks every element; a null
    // shape goes through the BLAS-style entry with the machine's own blocking.
    private static void check(GemmShape shape, int m, int n, int k, boolean tA, boolean tB, float alpha, float beta,
                              int aOff, int bOff, int pad) {
        int aRows = tA ? k : m, aCols = tA ? m : k, bRows = tB ? n : k, bCols = tB ? k : n;
        int lda = aCols + pad, ldb = bCols + pad, ldc = n + pad;
        float[] a = random(aOff + aRows * lda, 11), b = random(bOff + bRows * ldb, 12), c = random(m * ldc + 1, 13);
        float[] c0 = c.clone();
        if (shape == null) {
            Sgemm.sgemm(tA, tB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, 0, ldc);
        } else {
            Sgemm.gemm(shape, m, n, k, StridedMatrix.of(a, aOff, lda, tA), StridedMatrix.of(b, bOff, ldb, tB), alpha, beta,
                    c, 0, ldc, Tandem.numThreads());
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double ref = 0, mag = 0;
                for (int q = 0; q < k; q++) {
                    double av = tA ? a[aOff + q * lda + i] : a[aOff + i * lda + q];
                    double bv = tB ? b[bOff + j * ldb + q] : b[bOff + q * ldb + j];
                    ref += av * bv;
                    mag += Math.abs(av * bv);
                }
                double cv = c0[i * ldc + j];
                double expected = alpha * ref + (beta == 0 ? 0 : beta * cv);
                assertClose(expected, c[i * ldc + j], Math.abs(alpha) * mag + Math.abs(beta * cv), "(" + i + "," + j + ")");
            }
            for (int j = n; j < ldc && i * ldc + j < c.length; j++) {
                assertEquals(c0[i * ldc + j], c[i * ldc + j], "padding column " + j + " of row " + i + " was written");
            }
        }
    }

    private static void assertClose(double expected, float actual, double magnitude, String where) {
        double tol = ATOL + RTOL * magnitude;
        assertTrue(Math.abs(actual - expected) <= tol, where + ": got " + actual + ", expected " + expected + " (tol " + tol + ")");
    }

    static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (r.nextDouble() * 2 - 1);
        return v;
    }
}
