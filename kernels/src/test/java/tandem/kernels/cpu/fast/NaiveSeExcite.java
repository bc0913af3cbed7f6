package tandem.kernels.cpu.fast;

/** C squeeze-and-excitation gates as the definition reads, in double, one (batch, class, channel) at a time. */
final class NaiveSeExcite {
    private NaiveSeExcite() {}

    // z: (B, N), w1: (C, H, N), b1: (C, H), w2: (C, N, H), b2: (C, N) -> (B, C, N)
    static double[] gates(double[] z, double[] w1, double[] b1, double[] w2, double[] b2, int b, int c, int h, int n) {
        double[] s = new double[b * c * n];
        for (int bi = 0; bi < b; bi++) {
            for (int ci = 0; ci < c; ci++) {
                double[] hidden = new double[h];
                for (int hi = 0; hi < h; hi++) {
                    double a = b1[ci * h + hi];
                    for (int ni = 0; ni < n; ni++) a += w1[(ci * h + hi) * n + ni] * z[bi * n + ni];
                    hidden[hi] = Math.max(0, a);
                }
                for (int ni = 0; ni < n; ni++) {
                    double u = b2[ci * n + ni];
                    for (int hi = 0; hi < h; hi++) u += w2[(ci * n + ni) * h + hi] * hidden[hi];
                    s[(bi * c + ci) * n + ni] = 1 / (1 + Math.exp(-u));
                }
            }
        }
        return s;
    }
}
