package tandem.kernels.cpu.fast;

import tandem.tensor.BufferPool;
import tandem.tensor.Tandem;

/**
 * Single-precision GEMM, C = alpha * op(A) * op(B) + beta * C, on the Vector API.
 *
 * <p>v3 (this file): Goto/BLIS loop nest. For each (NC column block, KC depth block) both operands are packed into
 * micro-panels (transposes, strides and alpha are resolved there), then {@link MicroKernel} sweeps MR x NR tiles
 * with the B micro-panel (KC x NR, 32 KiB) resident in L1 and the A block (MC x KC) resident in L2. Threads split
 * the packing, then the tiles (by column panels when there are enough, else by row panels). Measured 1024^3 on the
 * 2-core AVX-512 machine under heavy load: 76 GFLOP/s on 1 thread, 154 on 2, 81% / 92% of the FMA peak measured in
 * the same run (benchmarks/README.md); {@link SgemmV1} is the unblocked baseline it replaced.
 */
public final class Sgemm {
    /** Rows of the register tile. */
    public static final int MR = MicroKernel.MR;
    /** Columns of the register tile (two vectors). */
    public static final int NR = MicroKernel.NR;
    static final int KC = 256;
    static final int MC = 24 * MR;
    static final int NC = 4096;
    /** Below this many FLOPs a fork-join costs more than it saves. */
    static final long PARALLEL_MIN_FLOPS = 1L << 22;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private Sgemm() {}

    /**
     * BLAS-style sgemm on row-major storage: op(A) is (m x k), op(B) is (k x n), C is (m x n) with leading dimension
     * ldc. {@code transA} means A is stored (k x m) with leading dimension lda; likewise {@code transB}.
     * Uses {@link Tandem#numThreads()} threads.
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        sgemmBatched(transA, transB, m, n, k, alpha, a, aOff, lda, 0, b, bOff, ldb, 0, beta, c, cOff, ldc, 0, 1);
    }

    /** {@link #sgemm} over {@code batch} problems whose operands start {@code strideA/B/C} elements apart. */
    public static void sgemmBatched(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                    float[] a, int aOff, int lda, int strideA, float[] b, int bOff, int ldb, int strideB,
                                    float beta, float[] c, int cOff, int ldc, int strideC, int batch) {
        if (m < 0 || n < 0 || k < 0 || batch < 0) {
            throw new IllegalArgumentException("sgemm: negative size m=" + m + " n=" + n + " k=" + k + " batch=" + batch);
        }
        checkOperand("A", transA, m, k, a, aOff, lda, strideA, batch);
        checkOperand("B", transB, k, n, b, bOff, ldb, strideB, batch);
        checkOperand("C", false, m, n, c, cOff, ldc, strideC, batch);
        int threads = Tandem.numThreads();
        long flops = 2L * m * n * k;
        if (batch >= threads && threads > 1 && flops < 16 * PARALLEL_MIN_FLOPS) {
            // Many small problems: one whole problem per thread beats splitting each one.
            Parallel.run(threads, t -> {
                for (int i = Parallel.split(batch, threads, t); i < Parallel.split(batch, threads, t + 1); i++) {
                    gemm(m, n, k, StridedMatrix.of(a, aOff + i * strideA, lda, transA), StridedMatrix.of(b, bOff + i * strideB, ldb, transB),
                            alpha, beta, c, cOff + i * strideC, ldc, 1);
                }
            });
            return;
        }
        for (int i = 0; i < batch; i++) {
            gemm(m, n, k, StridedMatrix.of(a, aOff + i * strideA, lda, transA), StridedMatrix.of(b, bOff + i * strideB, ldb, transB),
                    alpha, beta, c, cOff + i * strideC, ldc, threads);
        }
    }

    /** Contiguous batched product: a (batch, m, k) @ b (batch, k, n) -> new (batch, m, n), drawn from the buffer pool. */
    public static float[] matmul(float[] a, float[] b, int batch, int m, int k, int n) {
        float[] c = BufferPool.global().takeF32(Math.multiplyExact(Math.multiplyExact(batch, m), n), true);
        sgemmBatched(false, false, m, n, k, 1f, a, 0, Math.max(k, 1), m * k, b, 0, Math.max(n, 1), k * n, 0f, c, 0, Math.max(n, 1), m * n, batch);
        return c;
    }

    /**
     * The general entry: C (m x n, leading dimension ldc) = alpha * A * B + beta * C for operands given by their
     * packers, on up to {@code threads} threads.
     */
    public static void gemm(int m, int n, int k, PanelA a, PanelB b, float alpha, float beta,
                            float[] c, int cOff, int ldc, int threads) {
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0f) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        int t = 2L * m * n * k < PARALLEL_MIN_FLOPS ? 1 : Math.max(1, threads);
        Workspace ws = WORKSPACE.get();
        int mSlivers = (m + MR - 1) / MR;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            int nSlivers = (nc + NR - 1) / NR;
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                float betaNow = pc == 0 ? beta : 1f;
                float[] ap = ws.packedA(mSlivers * MR * kc), bp = ws.packedB(nSlivers * NR * kc);
                int jc0 = jc, pc0 = pc;
                Parallel.run(t, task -> {
                    for (int s = Parallel.split(nSlivers, t, task); s < Parallel.split(nSlivers, t, task + 1); s++) {
                        b.pack(pc0, kc, jc0 + s * NR, Math.min(NR, nc - s * NR), bp, s * NR * kc);
                    }
                    for (int s = Parallel.split(mSlivers, t, task); s < Parallel.split(mSlivers, t, task + 1); s++) {
                        a.pack(s * MR, Math.min(MR, m - s * MR), pc0, kc, alpha, ap, s * MR * kc);
                    }
                });
                boolean byColumns = nSlivers >= 2 * t || nSlivers >= mSlivers;
                Parallel.run(t, task -> {
                    float[] scratch = WORKSPACE.get().scratch();
                    if (byColumns) {
                        macro(0, mSlivers, Parallel.split(nSlivers, t, task), Parallel.split(nSlivers, t, task + 1),
                                m, nc, kc, ap, bp, c, cOff + jc0, ldc, betaNow, scratch);
                    } else {
                        macro(Parallel.split(mSlivers, t, task), Parallel.split(mSlivers, t, task + 1), 0, nSlivers,
                                m, nc, kc, ap, bp, c, cOff + jc0, ldc, betaNow, scratch);
                    }
                });
            }
        }
    }

    // Tiles [ms0, ms1) x [ns0, ns1) of MR x NR: A blocks of MC rows stay in L2 while every B micro-panel passes by.
    private static void macro(int ms0, int ms1, int ns0, int ns1, int m, int nc, int kc, float[] ap, float[] bp,
                              float[] c, int cOff, int ldc, float beta, float[] scratch) {
        int mcSlivers = MC / MR;
        for (int ic = ms0; ic < ms1; ic += mcSlivers) {
            int icEnd = Math.min(ms1, ic + mcSlivers);
            for (int js = ns0; js < ns1; js++) {
                int j = js * NR, cols = Math.min(NR, nc - j);
                int bOff = js * NR * kc;
                for (int is = ic; is < icEnd; is++) {
                    int i = is * MR, rows = Math.min(MR, m - i);
                    int cAt = cOff + i * ldc + j;
                    if (rows == MR && cols == NR && beta == 0f) {
                        MicroKernel.tileStore(kc, ap, is * MR * kc, bp, bOff, c, cAt, ldc);
                    } else if (rows == MR && cols == NR && beta == 1f) {
                        MicroKernel.tileAccumulate(kc, ap, is * MR * kc, bp, bOff, c, cAt, ldc);
                    } else if (rows == MR && cols == NR) {
                        MicroKernel.tile(kc, ap, is * MR * kc, bp, bOff, c, cAt, ldc, beta, scratch);
                    } else {
                        MicroKernel.edge(kc, ap, is * MR * kc, bp, bOff, c, cAt, ldc, beta, rows, cols, scratch);
                    }
                }
            }
        }
    }

    private static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        if (beta == 1f) return;
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) java.util.Arrays.fill(c, row, row + n, 0f);
            else for (int j = 0; j < n; j++) c[row + j] *= beta;
        }
    }

    private static void checkOperand(String name, boolean trans, int rows, int cols, float[] data, int off, int ld,
                                     int stride, int batch) {
        int storedRows = trans ? cols : rows, storedCols = trans ? rows : cols;
        if (data == null) throw new IllegalArgumentException("sgemm: operand " + name + " is null");
        if (storedCols > 0 && ld < storedCols) {
            throw new IllegalArgumentException("sgemm: leading dimension of " + name + " is " + ld + ", less than its "
                    + storedCols + " stored columns (" + storedRows + " x " + storedCols + (trans ? ", transposed)" : ")"));
        }
        if (batch == 0 || storedRows == 0 || storedCols == 0) return;
        long last = off + (long) (batch - 1) * stride + (long) (storedRows - 1) * ld + storedCols - 1;
        if (off < 0 || last >= data.length) {
            throw new IllegalArgumentException("sgemm: operand " + name + " (" + batch + " x " + storedRows + " x " + storedCols
                    + ", offset " + off + ", ld " + ld + ", batch stride " + stride + ") reaches element " + last
                    + " but its array has " + data.length);
        }
    }

    /** Per-thread packing buffers, grown on demand and reused so steady-state calls allocate nothing. */
    private static final class Workspace {
        private float[] a = new float[0], b = new float[0];
        private final float[] scratch = new float[MR * NR];

        float[] packedA(int size) {
            if (a.length < size) a = new float[size];
            return a;
        }

        float[] packedB(int size) {
            if (b.length < size) b = new float[size];
            return b;
        }

        float[] scratch() { return scratch; }
    }
}
