package tandem.kernels.cpu.fast;

/**
 * Windowed attention as the definition reads, in double, one query at a time: the window bounds are computed here
 * from floor(i * T / W) on their own, not taken from the code under test.
 */
final class NaiveWindowAttention {
    final int b, tq, tk, d, dv, windows;
    final double scale;

    NaiveWindowAttention(int b, int tq, int tk, int d, int dv, int windows, double scale) {
        this.b = b;
        this.tq = tq;
        this.tk = tk;
        this.d = d;
        this.dv = dv;
        this.windows = windows;
        this.scale = scale;
    }

    /** The window of query row r: its keys are [lo, hi). */
    int[] keyRange(int r) {
        for (int i = 0; i < windows; i++) {
            int qLo = (int) Math.floor((double) i * tq / windows), qHi = (int) Math.floor((double) (i + 1) * tq / windows);
            if (r >= qLo && r < qHi) {
                return new int[] {(int) Math.floor((double) i * tk / windows), (int) Math.floor((double) (i + 1) * tk / windows)};
            }
        }
        throw new AssertionError("row " + r + " in no window");
    }

    /** Dense weights (B, Tq, Tk), zero outside each query's window. */
    double[] weights(double[] q, double[] k) {
        double[] w = new double[b * tq * tk];
        for (int bi = 0; bi < b; bi++) {
            for (int r = 0; r < tq; r++) {
                int[] range = keyRange(r);
                double max = Double.NEGATIVE_INFINITY;
                double[] s = new double[tk];
                for (int j = range[0]; j < range[1]; j++) {
                    for (int e = 0; e < d; e++) s[j] += q[(bi * tq + r) * d + e] * k[(bi * tk + j) * d + e];
                    s[j] *= scale;
                    max = Math.max(max, s[j]);
                }
                double sum = 0;
                for (int j = range[0]; j < range[1]; j++) sum += Math.exp(s[j] - max);
                for (int j = range[0]; j < range[1]; j++) w[(bi * tq + r) * tk + j] = Math.exp(s[j] - max) / sum;
            }
        }
        return w;
    }

    /** out (B, Tq, Dv) = weights @ v. */
    double[] out(double[] q, double[] k, double[] v) {
        double[] w = weights(q, k), out = new double[b * tq * dv];
        for (int bi = 0; bi < b; bi++) {
            for (int r = 0; r < tq; r++) {
                for (int j = 0; j < tk; j++) {
                    for (int e = 0; e < dv; e++) out[(bi * tq + r) * dv + e] += w[(bi * tq + r) * tk + j] * v[(bi * tk + j) * dv + e];
                }
            }
        }
        return out;
    }

    /** log sum_j exp(scale q_r . k_j) over the window of each query: (B, Tq). */
    double[] logSumExp(double[] q, double[] k) {
        double[] lse = new double[b * tq];
        for (int bi = 0; bi < b; bi++) {
            for (int r = 0; r < tq; r++) {
                int[] range = keyRange(r);
                double sum = 0;
                for (int j = range[0]; j < range[1]; j++) {
                    double s = 0;
                    for (int e = 0; e < d; e++) s += q[(bi * tq + r) * d + e] * k[(bi * tk + j) * d + e];
                    sum += Math.exp(scale * s);
                }
                lse[bi * tq + r] = Math.log(sum);
            }
        }
        return lse;
    }
}
