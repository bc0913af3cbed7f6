package tandem.kernels.cpu.fast;

/**
 * The right GEMM operand B (K x N), seen only through the packing it needs. A convolution implements it by reading
 * the input image directly (implicit im2col), so the column matrix is never materialised.
 */
public interface PanelB {
    /**
     * Writes rows [p0, p0 + kc) by columns [j0, j0 + cols) as one micro-panel: for each p, {@link Sgemm#NR}
     * consecutive values (columns past {@code cols} are zero).
     */
    void pack(int p0, int kc, int j0, int cols, float[] dst, int dstOff);

    /**
     * Packs columns [j0, j0 + nc) as consecutive micro-panels (sliver s at {@code s * NR * kc}). Operands whose
     * packing has a fixed cost per call (locating a tap in the image) override it to pay that cost once per block.
     */
    default void packBlock(int p0, int kc, int j0, int nc, float[] dst) {
        for (int s = 0, j = 0; j < nc; s++, j += Sgemm.NR) pack(p0, kc, j0 + j, Math.min(Sgemm.NR, nc - j), dst, s * Sgemm.NR * kc);
    }
}
