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
}
