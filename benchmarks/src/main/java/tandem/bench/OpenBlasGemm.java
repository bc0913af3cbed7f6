package tandem.bench;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The BLAS rival: OpenBLAS's {@code cblas_sgemm} (through JavaCPP's presets) on the same shapes and passes as
 * Tandem's GEMM workloads, with its thread count pinned to Tandem's ({@code blas_set_num_threads}) before every call,
 * so a row on N threads compares N threads with N threads. Operands live in native memory allocated once, as a C
 * caller's would: no copies between Java arrays and OpenBLAS are timed.
 *
 * <p>OpenBLAS picks its kernels from CPUID, not from the JVM's flags, and may not know a new CPU: 0.3.31 takes the Zen 5
 * development machine for a Haswell (AVX2 kernels, 90 GFLOP/s on one core) until {@code OPENBLAS_CORETYPE=SkylakeX}
 * gives it its AVX-512 kernels (150-170). {@code ./tandem bench} sets that on AVX-512 hosts unless the caller chose;
 * to compare with a JVM capped by {@code -XX:UseAVX=2}, set {@code OPENBLAS_CORETYPE=Haswell}.
 */
final class OpenBlasGemm {
    private static String loadError;
    private static boolean loaded;

    private OpenBlasGemm() {}

    /** Null when OpenBLAS loads on this machine, else why not (the rows are then skipped with that reason). */
    static synchronized String unavailable() {
        if (!loaded && loadError == null) {
            try {
                Loader.load(openblas_nolapack.class);
                loaded = true;
            } catch (RuntimeException | LinkageError e) {
                loadError = "OpenBLAS does not load on this machine (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                        + "); the benchmarks module bundles its natives for linux-x86_64 and linux-arm64 only";
            }
        }
        return loadError;
    }

    /** The rival as it reports itself: version, and the thread count it will be pinned to. */
    static String describe() {
        String why = unavailable();
        if (why != null) return why;
        String core = System.getenv("OPENBLAS_CORETYPE");
        return openblas_nolapack.OPENBLAS_VERSION.strip() + " (JavaCPP presets, cblas_sgemm), threads pinned to each row's count, "
                + (core == null || core.isBlank() ? "kernels chosen from CPUID (set OPENBLAS_CORETYPE to match a capped JVM)"
                        : "OPENBLAS_CORETYPE=" + core);
    }

    /** C = A B on {@code threads} threads (and dA = dC B^T, dB = A^T dC with {@code backward}), as a Workload. */
    static Workload workload(GemmCase g, boolean backward) {
        String why = unavailable();
        if (why != null) throw new IllegalStateException(why);
        int m = g.m(), n = g.n(), k = g.k();
        FloatPointer a = filled((long) m * k, 1), b = filled((long) k * n, 2), c = new FloatPointer((long) m * n);
        FloatPointer dc = filled((long) m * n, 3), da = new FloatPointer((long) m * k), db = new FloatPointer((long) k * n);
        double flops = g.flops() * (backward ? 3 : 1);
        return new Workload() {
            @Override
            public double flops() { return flops; }

            @Override
            public float run() {
                sgemm(false, false, m, n, k, a, b, c);
                if (backward) {
                    sgemm(false, true, m, k, n, dc, b, da);
                    sgemm(true, false, k, n, m, a, dc, db);
                }
                return c.get(7) + (backward ? da.get(11) + db.get(13) : 0f);
            }
        };
    }

    /**
     * C (m x n) = op(A) op(B), all row-major and packed (A stored k x m when transposed, B stored n x k when
     * transposed), on {@link tandem.tensor.Tandem#numThreads()} threads: the same contract as Tandem's
     * {@code Sgemm.sgemm} with alpha 1 and beta 0.
     */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k, FloatPointer a, FloatPointer b, FloatPointer c) {
        openblas_nolapack.blas_set_num_threads(tandem.tensor.Tandem.numThreads());
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
                transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                m, n, k, 1f, a, transA ? m : k, b, transB ? k : n, 0f, c, n);
    }

    private static FloatPointer filled(long n, long seed) {
        return new FloatPointer(Workloads.random(n, seed));
    }
}
