package tandem.kernels.cpu.fast;

/**
 * The left GEMM operand A (M x K), seen only through the packing it needs. Packing is where transposes, strides and
 * implicit layouts (such as convolution weights) are resolved, so the micro-kernel sees one layout only.
 */
public interface PanelA {
    /**
     * Writes rows [i0, i0 + rows) by columns [p0, p0 + kc), scaled by {@code alpha}, as one micro-panel:
     * for each p, {@link Sgemm#MR} consecutive values (rows past {@code rows} are zero).
     */
    void pack(int i0, int rows, int p0, int kc, float alpha, float[] dst, int dstOff);
}
