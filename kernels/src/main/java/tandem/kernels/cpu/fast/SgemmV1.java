package tandem.kernels.cpu.fast;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * v1: the unblocked baseline, kept for side-by-side benchmarks. Row-major, no transposes: for each row of C, for
 * each k, C[i, :] += A[i, k] * B[k, :] with vector FMAs. It streams a whole row of B per FMA pass and reloads C every
 * k, so it is bound by L2/L3 bandwidth rather than the FMA units: measured 11 GFLOP/s on 1 thread, 19 on 2 at 1024^3
 * (about a tenth of the peak, benchmarks/README.md). Rows are split over threads.
 */
public final class SgemmV1 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private SgemmV1() {}

    // a: (m, k), b: (k, n), c: (m, n), all contiguous row-major; c is overwritten
    public static void matmul(float[] a, float[] b, float[] c, int m, int k, int n, int threads) {
        if ((long) m * k > a.length || (long) k * n > b.length || (long) m * n > c.length) {
            throw new IllegalArgumentException("sgemm_v1: arrays of " + a.length + ", " + b.length + ", " + c.length
                    + " elements are too small for (" + m + " x " + k + ") @ (" + k + " x " + n + ")");
        }
        int bound = S.loopBound(n);
        Parallel.run(threads, t -> {
            for (int i = Parallel.split(m, threads, t); i < Parallel.split(m, threads, t + 1); i++) {
                int row = i * n;
                Arrays.fill(c, row, row + n, 0f);
                for (int p = 0; p < k; p++) {
                    float av = a[i * k + p];
                    FloatVector va = FloatVector.broadcast(S, av);
                    int brow = p * n, j = 0;
                    for (; j < bound; j += S.length()) {
                        va.fma(FloatVector.fromArray(S, b, brow + j), FloatVector.fromArray(S, c, row + j)).intoArray(c, row + j);
                    }
                    for (; j < n; j++) c[row + j] += av * b[brow + j];
                }
            }
        });
    }
}
