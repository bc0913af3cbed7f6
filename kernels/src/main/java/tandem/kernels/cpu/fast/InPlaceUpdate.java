package tandem.kernels.cpu.fast;

import tandem.tensor.DType;
import tandem.tensor.Tensor;
import tandem.tensor.memory.CpuStorage;

/**
 * Runs an optimizer's element update in place over dense CPU tensors, in double whatever their dtype: F64 arrays
 * directly, F32 arrays widened and narrowed back a chunk at a time, so each update is written once.
 */
final class InPlaceUpdate {
    private InPlaceUpdate() {}

    /** One update over elements [from, to) of up to four same-length arrays (p, g and two state arrays). */
    @FunctionalInterface
    interface Body {
        void apply(double[] p, double[] g, double[] s1, double[] s2, int from, int to);
    }

    private static final int CHUNK = 1024;

    /** Runs {@code u} in place over the tensors (null state skipped): F64 directly, F32 widened a chunk at a time. */
    static void run(Body u, Tensor... t) {
        int n = Math.toIntExact(t[0].numel());
        if (t[0].dtype() == DType.F64) {
            double[][] a = new double[4][];
            for (int i = 0; i < t.length; i++) if (t[i] != null) a[i] = ((CpuStorage) t[i].storage()).f64();
            u.apply(a[0], a[1], a[2], a[3], 0, n);
            return;
        }
        float[][] f = new float[t.length][];
        for (int i = 0; i < t.length; i++) if (t[i] != null) f[i] = ((CpuStorage) t[i].storage()).f32();
        double[][] w = new double[4][];
        for (int i = 0; i < t.length; i++) if (f[i] != null) w[i] = new double[CHUNK];
        for (int from = 0; from < n; from += CHUNK) {
            int len = Math.min(CHUNK, n - from);
            for (int i = 0; i < f.length; i++) if (f[i] != null) for (int j = 0; j < len; j++) w[i][j] = f[i][from + j];
            u.apply(w[0], w[1], w[2], w[3], 0, len);
            for (int i = 0; i < f.length; i++) if (f[i] != null) for (int j = 0; j < len; j++) f[i][from + j] = (float) w[i][j];
        }
    }
}
