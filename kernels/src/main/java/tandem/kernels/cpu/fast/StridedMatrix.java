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

    // dst: [kc][mr], rows past `rows` zero
    @Override
    public void pack(int mr, int i0, int rows, int p0, int kc, float alpha, float[] dst, int dstOff) {
        if (rowStride == 1) {
            // Transposed storage: a column of the sliver is contiguous in memory.
            for (int p = 0; p < kc; p++) {
                int src = offset + i0 + (p0 + p) * colStride, d = dstOff + p * mr;
                for (int r = 0; r < rows; r++) dst[d + r] = alpha * data[src + r];
                for (int r = rows; r < mr; r++) dst[d + r] = 0f;
            }
            return;
        }
        if (colStride == 1) {
            int[] start = new int[rows];
            for (int r = 0; r < rows; r++) start[r] = offset + (i0 + r) * rowStride + p0;
            PanelA.packRows(data, start, rows, mr, kc, alpha, dst, dstOff);
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
