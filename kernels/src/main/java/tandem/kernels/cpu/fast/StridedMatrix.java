package tandem.kernels.cpu.fast;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A dense matrix view over a float array: element (r, c) lives at {@code data[offset + r * rowStride + c * colStride]}.
 * A row-major matrix has colStride 1; its transpose is the same array with the strides swapped. Packing from it
 * picks the loop order that reads memory contiguously for either case.
 */
public record StridedMatrix(float[] data, int offset, int rowStride, int colStride) implements PanelA, PanelB {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Row-major (rows x cols) with leading dimension {@code ld}, or its transpose when {@code transposed}. */
    public static StridedMatrix of(float[] data, int offset, int ld, boolean transposed) {
        return transposed ? new StridedMatrix(data, offset, 1, ld) : new StridedMatrix(data, offset, ld, 1);
    }

    // dst: [kc][MR], rows past `rows` zero
    @Override
    public void pack(int i0, int rows, int p0, int kc, float alpha, float[] dst, int dstOff) {
        final int mr = Sgemm.MR;
        if (rowStride == 1) {
            // Transposed storage: a column of the sliver is contiguous in memory.
            for (int p = 0; p < kc; p++) {
                int src = offset + i0 + (p0 + p) * colStride, d = dstOff + p * mr;
                for (int r = 0; r < rows; r++) dst[d + r] = alpha * data[src + r];
                for (int r = rows; r < mr; r++) dst[d + r] = 0f;
            }
            return;
        }
        if (rows == mr && colStride == 1 && mr == 8) {
            packEightRows(i0, p0, kc, alpha, dst, dstOff);
            return;
        }
        for (int r = 0; r < mr; r++) {
            if (r >= rows) {
                for (int p = 0; p < kc; p++) dst[dstOff + p * mr + r] = 0f;
                continue;
            }
            int src = offset + (i0 + r) * rowStride + p0 * colStride;
            for (int p = 0; p < kc; p++) dst[dstOff + p * mr + r] = alpha * data[src + p * colStride];
        }
    }

    // Row-major A, full sliver: walk the eight source rows side by side so every write to dst is sequential.
    // Column-at-a-time with stride-MR writes cost about 6% of a 1024^3 GEMM; this order costs about a third of that.
    private void packEightRows(int i0, int p0, int kc, float alpha, float[] dst, int dstOff) {
        float[] x = data;
        int s0 = offset + i0 * rowStride + p0, rs = rowStride;
        int s1 = s0 + rs, s2 = s1 + rs, s3 = s2 + rs, s4 = s3 + rs, s5 = s4 + rs, s6 = s5 + rs, s7 = s6 + rs;
        for (int p = 0, d = dstOff; p < kc; p++, d += 8) {
            dst[d] = alpha * x[s0 + p];
            dst[d + 1] = alpha * x[s1 + p];
            dst[d + 2] = alpha * x[s2 + p];
            dst[d + 3] = alpha * x[s3 + p];
            dst[d + 4] = alpha * x[s4 + p];
            dst[d + 5] = alpha * x[s5 + p];
            dst[d + 6] = alpha * x[s6 + p];
            dst[d + 7] = alpha * x[s7 + p];
        }
    }

    // dst: [kc][NR], columns past `cols` zero
    @Override
    public void pack(int p0, int kc, int j0, int cols, float[] dst, int dstOff) {
        final int nr = Sgemm.NR;
        if (colStride == 1) {
            // Row-major storage: each packed row is a contiguous run of the source.
            int full = cols == nr ? S.loopBound(nr) : 0;
            for (int p = 0; p < kc; p++) {
                int src = offset + (p0 + p) * rowStride + j0, d = dstOff + p * nr;
                int j = 0;
                for (; j < full; j += S.length()) FloatVector.fromArray(S, data, src + j).intoArray(dst, d + j);
                for (; j < cols; j++) dst[d + j] = data[src + j];
                for (; j < nr; j++) dst[d + j] = 0f;
            }
            return;
        }
        for (int j = 0; j < nr; j++) {
            if (j >= cols) {
                for (int p = 0; p < kc; p++) dst[dstOff + p * nr + j] = 0f;
                continue;
            }
            int src = offset + p0 * rowStride + (j0 + j) * colStride;
            for (int p = 0; p < kc; p++) dst[dstOff + p * nr + j] = data[src + p * rowStride];
        }
    }
}
