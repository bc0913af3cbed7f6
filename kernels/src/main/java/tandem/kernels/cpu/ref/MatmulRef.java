package tandem.kernels.cpu.ref;

/** Plain triple-loop matrix product over a batch: the reference for every GEMM. */
public final class MatmulRef {
    private MatmulRef() {}

    // a: (batch, M, K) contiguous, b: (batch, K, N) contiguous -> (batch, M, N)
    public static double[] matmul(double[] a, double[] b, int batch, int m, int k, int n) {
        double[] c = new double[batch * m * n];
        for (int p = 0; p < batch; p++) {
            int ao = p * m * k, bo = p * k * n, co = p * m * n;
            for (int i = 0; i < m; i++) {
                for (int kk = 0; kk < k; kk++) {
                    double av = a[ao + i * k + kk];
                    int brow = bo + kk * n, crow = co + i * n;
                    for (int j = 0; j < n; j++) c[crow + j] += av * b[brow + j];
                }
            }
        }
        return c;
    }
}
