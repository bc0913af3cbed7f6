package tandem.kernels.cpu.fast;

/**
 * The left GEMM operand A (M x K), seen only through the packing it needs. Packing is where transposes, strides and
 * implicit layouts (such as convolution weights) are resolved, so the micro-kernel sees one layout only.
 */
public interface PanelA {
    /**
     * Writes rows [i0, i0 + rows) by columns [p0, p0 + kc), scaled by {@code alpha}, as one micro-panel of height
     * {@code mr} (the micro-kernel's rows): for each p, {@code mr} consecutive values (rows past {@code rows} are zero).
     */
    void pack(int mr, int i0, int rows, int p0, int kc, float alpha, float[] dst, int dstOff);

    /**
     * The packing of row-major sources: row r of the sliver is {@code x[start[r] + p]} for p in [0, kc). The rows are
     * walked four side by side so that the writes to dst run nearly in order; one row at a time (stride-mr writes)
     * cost about 6% of a 1024^3 GEMM, eight side by side about a third of that.
     */
    static void packRows(float[] x, int[] start, int rows, int mr, int kc, float alpha, float[] dst, int dstOff) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int s0 = start[r], s1 = start[r + 1], s2 = start[r + 2], s3 = start[r + 3];
            for (int p = 0, d = dstOff + r; p < kc; p++, d += mr) {
                dst[d] = alpha * x[s0 + p];
                dst[d + 1] = alpha * x[s1 + p];
                dst[d + 2] = alpha * x[s2 + p];
                dst[d + 3] = alpha * x[s3 + p];
            }
        }
        for (; r + 2 <= rows; r += 2) {
            int s0 = start[r], s1 = start[r + 1];
            for (int p = 0, d = dstOff + r; p < kc; p++, d += mr) {
                dst[d] = alpha * x[s0 + p];
                dst[d + 1] = alpha * x[s1 + p];
            }
        }
        for (; r < rows; r++) {
            for (int p = 0, d = dstOff + r, s0 = start[r]; p < kc; p++, d += mr) dst[d] = alpha * x[s0 + p];
        }
        for (; r < mr; r++) {
            for (int p = 0, d = dstOff + r; p < kc; p++, d += mr) dst[d] = 0f;
        }
    }
}
