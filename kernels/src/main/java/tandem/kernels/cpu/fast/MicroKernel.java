package tandem.kernels.cpu.fast;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked heart of {@link Sgemm}: an MR x NR tile of C (MR rows by two vectors of columns) held in
 * 2 MR vector accumulators across the whole K loop. Each step loads two vectors of packed B, broadcasts MR packed A
 * values and issues 2 MR FMAs. The tile is shaped by the register file: accumulators + 2 B vectors + 1 broadcast
 * must fit, so 16 registers (AVX2) take {@link MicroKernel6x2} and 32 (AVX-512, NEON) {@link MicroKernel8x2} or
 * {@link MicroKernel12x2} ({@link KernelShapes} chooses; {@code ./tandem tune} may measure the choice).
 *
 * <p>Each tile is its own class of straight-line code: a loop over an array of accumulators would live in memory,
 * not registers. Full tiles with beta 0 or 1 go through {@link #store} / {@link #accumulate}, which write C straight
 * from the accumulators. The two repeat the same K loop on purpose: one shared kernel whose accumulators start either
 * zeroed or loaded from C (a branch before the loop) measured 0.45 of the FMA peak on a 1024^3 GEMM, against
 * 0.61-0.66 for the copies in the same hour: C2 kept the merged start values out of registers. Other betas and
 * partial tiles compute into a scratch tile first ({@link #edge}).
 */
abstract class MicroKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Columns of every tile: two vectors. */
    static final int NR = 2 * L;

    /** Rows of this tile. */
    final int mr;

    MicroKernel(int mr) { this.mr = mr; }

    /** The tile with {@code mr} rows; 6, 8 and 12 exist. */
    static MicroKernel withRows(int mr) {
        return switch (mr) {
            case 6 -> new MicroKernel6x2();
            case 8 -> new MicroKernel8x2();
            case 12 -> new MicroKernel12x2();
            default -> throw new IllegalArgumentException("no GEMM micro-kernel with " + mr + " rows (6, 8 or 12)");
        };
    }

    /** C[0:mr, 0:NR] = Apanel * Bpanel, C never read. a: [kc][mr] from aOff; b: [kc][NR] from bOff; C row-major, ldc. */
    abstract void store(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc);

    /** C[0:mr, 0:NR] += Apanel * Bpanel: the accumulators start from C. */
    abstract void accumulate(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc);

    /**
     * C[0:rows, 0:cols] = beta * C + Apanel * Bpanel for a partial tile or a beta other than 0 and 1 (beta 0 never
     * reads C, so NaNs there vanish): computed whole into {@code scratch} (mr * NR), then merged into C. The merge is
     * a loop of its own so that branches on beta never deoptimise the vector loop (each deoptimisation sent the kernel
     * back through the slow tiers for a while: a third of a small model's training step in one profile).
     */
    final void edge(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, float beta,
                    int rows, int cols, float[] scratch) {
        store(kc, a, aOff, b, bOff, scratch, 0, NR);
        for (int i = 0; i < rows; i++) {
            int ci = cOff + i * ldc, si = i * NR;
            if (beta == 0f) {
                System.arraycopy(scratch, si, c, ci, cols);
            } else {
                for (int j = 0; j < cols; j++) c[ci + j] = beta * c[ci + j] + scratch[si + j];
            }
        }
    }

    @Override
    public String toString() { return mr + "x" + NR; }
}
