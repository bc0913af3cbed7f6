package tandem.kernels.cpu.fast;

import java.util.Arrays;
import tandem.tensor.Tandem;
import tandem.tensor.memory.BufferPool;

/**
 * Single-precision GEMM, C = alpha * op(A) * op(B) + beta * C, on the Vector API.
 *
 * <p>v3: Goto/BLIS loop nest. For each (NC column block, KC depth block) both operands are packed into
 * micro-panels (transposes, strides and alpha are resolved there), then {@link MicroKernel} sweeps MR x NR tiles
 * with the B micro-panel (KC x NR, 32 KiB) resident in L1 and the A block (MC x KC) resident in L2. Measured 1024^3
 * on the 2-core AVX-512 machine under heavy load: 76 GFLOP/s on 1 thread, 154 on 2; {@link SgemmV1} is the
 * unblocked baseline it replaced.
 *
 * <p>v4 (this file): full tiles write C straight from the accumulators, A slivers pack with sequential writes, and
 * threads no longer share packed panels. v3 packed each KC block cooperatively and met twice per block (eight
 * fork-joins per 1024^3 call, each waiting for the slower thread); now each thread owns a band of C rows (or
 * columns), packs everything it reads itself and never waits until the end. The operand every band needs in full
 * is packed once per thread, so the split goes along the larger dimension. Single-thread 1024^3 went from about
 * 164 to 180 GFLOP/s side by side (82% of the 219 peak); see benchmarks/README.md for the 2-thread table.
 *
 * <p>What decides the shape: {@link KernelShapes}, from the machine. The register file picks the micro-kernel tile
 * (MR x 2 vectors, {@link MicroKernel}), the lane count its width; KC keeps a KC x NR sliver of B in about two
 * thirds of L1d, MC an MC x KC block of A in about a quarter of L2, NC a KC x NC block of B about the size of L2
 * (the cache sizes as the OS reports them, with fallbacks); {@code ./tandem tune} may replace them with measured
 * winners.
 */
public final class Sgemm {
    /** Columns of every register tile: two vectors. */
    public static final int NR = MicroKernel.NR;
    /** Below this many FLOPs a fork-join costs more than it saves. */
    static final long PARALLEL_MIN_FLOPS = 1L << 22;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);
    /** One kernel object per tile height, so a process that uses one tile keeps its call sites monomorphic. */
    private static final MicroKernel[] KERNELS = new MicroKernel[GemmShape.TILE_ROWS[GemmShape.TILE_ROWS.length - 1] + 1];

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
        gemm(KernelShapes.active().gemm(), m, n, k, a, b, alpha, beta, c, cOff, ldc, threads);
    }

    /** {@link #gemm(int, int, int, PanelA, PanelB, float, float, float[], int, int, int)} blocked as {@code shape} says. */
    public static void gemm(GemmShape shape, int m, int n, int k, PanelA a, PanelB b, float alpha, float beta,
                            float[] c, int cOff, int ldc, int threads) {
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0f) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        int t = 2L * m * n * k < PARALLEL_MIN_FLOPS ? 1 : Math.max(1, threads);
        MicroKernel kernel = kernel(shape.mr());
        if (t == 1) {
            block(shape, kernel, 0, m, 0, n, k, a, b, alpha, beta, c, cOff, ldc);
            return;
        }
        // Each thread owns a band of C and packs everything it reads itself: one fork-join per call, no barrier.
        // The operand every band needs in full is packed once per thread; split so that this is the smaller one.
        int mr = shape.mr(), mSlivers = (m + mr - 1) / mr, nSlivers = (n + NR - 1) / NR;
        boolean byRows = m >= n ? mSlivers >= t || nSlivers < mSlivers : nSlivers < t && mSlivers > nSlivers;
        Parallel.run(t, task -> {
            if (byRows) {
                int i0 = Parallel.split(mSlivers, t, task) * mr, i1 = Math.min(m, Parallel.split(mSlivers, t, task + 1) * mr);
                block(shape, kernel, i0, i1, 0, n, k, a, b, alpha, beta, c, cOff, ldc);
            } else {
                int j0 = Parallel.split(nSlivers, t, task) * NR, j1 = Math.min(n, Parallel.split(nSlivers, t, task + 1) * NR);
                block(shape, kernel, 0, m, j0, j1, k, a, b, alpha, beta, c, cOff, ldc);
            }
        });
    }

    private static MicroKernel kernel(int mr) {
        MicroKernel k = KERNELS[mr];
        if (k == null) KERNELS[mr] = k = MicroKernel.withRows(mr); // a benign race: any copy is as good as another
        return k;
    }

    // C[i0:i1, j0:j1] on the calling thread, with its own packing buffers.
    private static void block(GemmShape shape, MicroKernel kernel, int i0, int i1, int j0, int j1, int k, PanelA a, PanelB b,
                              float alpha, float beta, float[] c, int cOff, int ldc) {
        if (i0 >= i1 || j0 >= j1) return;
        Workspace ws = WORKSPACE.get();
        int mr = kernel.mr, rows = i1 - i0, mSlivers = (rows + mr - 1) / mr;
        int ncBlock = (shape.nc() + NR - 1) / NR * NR;
        for (int jc = j0; jc < j1; jc += ncBlock) {
            int nc = Math.min(ncBlock, j1 - jc);
            int nSlivers = (nc + NR - 1) / NR;
            for (int pc = 0; pc < k; pc += shape.kc()) {
                int kc = Math.min(shape.kc(), k - pc);
                float[] ap = ws.packedA(mSlivers * mr * kc), bp = ws.packedB(nSlivers * NR * kc);
                b.packBlock(pc, kc, jc, nc, bp);
                for (int s = 0; s < mSlivers; s++) a.pack(mr, i0 + s * mr, Math.min(mr, rows - s * mr), pc, kc, alpha, ap, s * mr * kc);
                macro(kernel, shape.mc() / mr, mSlivers, nSlivers, rows, nc, kc, ap, bp, c, cOff + i0 * ldc + jc, ldc,
                        pc == 0 ? beta : 1f, ws.scratch());
            }
        }
    }

    // All mSlivers x nSlivers tiles of mr x NR: A blocks of mcSlivers slivers stay in L2 while every B sliver passes by.
    private static void macro(MicroKernel kernel, int mcSlivers, int mSlivers, int nSlivers, int m, int nc, int kc,
                              float[] ap, float[] bp, float[] c, int cOff, int ldc, float beta, float[] scratch) {
        int mr = kernel.mr;
        for (int ic = 0; ic < mSlivers; ic += mcSlivers) {
            int icEnd = Math.min(mSlivers, ic + mcSlivers);
            for (int js = 0; js < nSlivers; js++) {
                int j = js * NR, cols = Math.min(NR, nc - j);
                int bOff = js * NR * kc;
                for (int is = ic; is < icEnd; is++) {
                    int i = is * mr, rows = Math.min(mr, m - i);
                    int cAt = cOff + i * ldc + j, aOff = is * mr * kc;
                    if (rows == mr && cols == NR && beta == 0f) {
                        kernel.store(kc, ap, aOff, bp, bOff, c, cAt, ldc);
                    } else if (rows == mr && cols == NR && beta == 1f) {
                        kernel.accumulate(kc, ap, aOff, bp, bOff, c, cAt, ldc);
                    } else {
                        kernel.edge(kc, ap, aOff, bp, bOff, c, cAt, ldc, beta, rows, cols, scratch);
                    }
                }
            }
        }
    }

    private static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        if (beta == 1f) return;
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) Arrays.fill(c, row, row + n, 0f);
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
        private final float[] scratch = new float[GemmShape.TILE_ROWS[GemmShape.TILE_ROWS.length - 1] * NR];

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
