package tandem.kernels.cpu.fast;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Backward-data for the layers {@link DirectConv} serves (few input channels, many output channels, strided):
 * dx[c, id, ih, iw] += sum over o and taps of w[o, c, kd, kh, kw] * dy[o, od, oh, ow].
 *
 * <p>The general path computes dcol = W^T @ dy and scatters it into dx one float at a time (stride 2 for the stem):
 * 22 million read-modify-writes per stem image, as long as the GEMM itself. Here the input gradient is kept split
 * into its sw column phases (column iw of the padded image lives in phase iw % sw at index iw / sw), where the
 * positions one tap touches along an output row are contiguous. The register tile is 6 taps x 2 vectors of positions
 * (12 accumulators over the Og output channels); its result is added into the phase image with vector loads and
 * stores, and the phases are folded back into dx once per image.
 *
 * <p>What decides the shape: 12 accumulators + 2 dy vectors + 1 broadcast = 15 registers fit every register file
 * (16 on AVX2, 32 on AVX-512 and NEON), so one tile serves all; the lane count sets the positions per tile (2L).
 */
final class DirectConvData {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Output positions per register tile (two vectors). */
    static final int PB = 2 * L;
    /** Taps per register tile. */
    static final int TB = 6;

    private DirectConvData() {}

    // dy: (B, O, OD, OH, OW), w: (O, Cg, KD, KH, KW) -> dx: (B, C, D, H, W); every element of dx is written
    static void backwardData(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        int tapsRounded = (g.taps + TB - 1) / TB * TB;
        float[] wPadded = new float[g.outChannels * tapsRounded];
        for (int o = 0; o < g.outChannels; o++) System.arraycopy(w, o * g.taps, wPadded, o * tapsRounded, g.taps);
        Phases ph = new Phases(g, tapsRounded);
        double flops = 2.0 * g.batch * g.outChannels * (double) g.positions * g.taps;
        Parallel.forEachIndex(g.batch * g.groups, flops, item -> {
            int b = item / g.groups, grp = item % g.groups;
            float[] dxq = ph.zeroed();
            float[] dyRow = new float[g.og * ph.owRounded];
            for (int od = 0; od < g.od; od++) {
                for (int oh = 0; oh < g.oh; oh++) {
                    int rowOut = g.outputBase(b, grp) + (od * g.oh + oh) * g.ow;
                    for (int o = 0; o < g.og; o++) System.arraycopy(dy, rowOut + o * g.positions, dyRow, o * ph.owRounded, g.ow);
                    int rowIn = (od * g.sd * ph.hp + oh * g.sh) * g.sw * ph.wq;
                    for (int s = 0; s < ph.owRounded; s += PB) {
                        for (int t0 = 0; t0 < tapsRounded; t0 += TB) {
                            tile(g.og, dyRow, ph.owRounded, s, wPadded, grp * g.og * tapsRounded + t0, tapsRounded,
                                    dxq, ph.tapOffsets, t0, rowIn + s);
                        }
                    }
                }
            }
            ph.fold(dxq, dx, g.inputBase(b, grp));
        });
    }

    // dxq[tapOffsets[t0 + i] + at + j] += sum_o w[o][t0 + i] * dyRow[o][s + j] for i < 6, j < 2L
    private static void tile(int og, float[] dyRow, int rowLen, int s, float[] w, int wOff, int wStride, float[] dxq,
                             int[] tapOffsets, int t0, int at) {
        FloatVector z = FloatVector.zero(S);
        FloatVector a00 = z, a01 = z, a10 = z, a11 = z, a20 = z, a21 = z, a30 = z, a31 = z, a40 = z, a41 = z, a50 = z, a51 = z;
        for (int o = 0, yi = s, wi = wOff; o < og; o++, yi += rowLen, wi += wStride) {
            FloatVector y0 = FloatVector.fromArray(S, dyRow, yi);
            FloatVector y1 = FloatVector.fromArray(S, dyRow, yi + L);
            FloatVector v = FloatVector.broadcast(S, w[wi]);
            a00 = v.fma(y0, a00); a01 = v.fma(y1, a01);
            v = FloatVector.broadcast(S, w[wi + 1]);
            a10 = v.fma(y0, a10); a11 = v.fma(y1, a11);
            v = FloatVector.broadcast(S, w[wi + 2]);
            a20 = v.fma(y0, a20); a21 = v.fma(y1, a21);
            v = FloatVector.broadcast(S, w[wi + 3]);
            a30 = v.fma(y0, a30); a31 = v.fma(y1, a31);
            v = FloatVector.broadcast(S, w[wi + 4]);
            a40 = v.fma(y0, a40); a41 = v.fma(y1, a41);
            v = FloatVector.broadcast(S, w[wi + 5]);
            a50 = v.fma(y0, a50); a51 = v.fma(y1, a51);
        }
        int q = tapOffsets[t0] + at;
        FloatVector.fromArray(S, dxq, q).add(a00).intoArray(dxq, q);
        FloatVector.fromArray(S, dxq, q + L).add(a01).intoArray(dxq, q + L);
        q = tapOffsets[t0 + 1] + at;
        FloatVector.fromArray(S, dxq, q).add(a10).intoArray(dxq, q);
        FloatVector.fromArray(S, dxq, q + L).add(a11).intoArray(dxq, q + L);
        q = tapOffsets[t0 + 2] + at;
        FloatVector.fromArray(S, dxq, q).add(a20).intoArray(dxq, q);
        FloatVector.fromArray(S, dxq, q + L).add(a21).intoArray(dxq, q + L);
        q = tapOffsets[t0 + 3] + at;
        FloatVector.fromArray(S, dxq, q).add(a30).intoArray(dxq, q);
        FloatVector.fromArray(S, dxq, q + L).add(a31).intoArray(dxq, q + L);
        q = tapOffsets[t0 + 4] + at;
        FloatVector.fromArray(S, dxq, q).add(a40).intoArray(dxq, q);
        FloatVector.fromArray(S, dxq, q + L).add(a41).intoArray(dxq, q + L);
        q = tapOffsets[t0 + 5] + at;
        FloatVector.fromArray(S, dxq, q).add(a50).intoArray(dxq, q);
        FloatVector.fromArray(S, dxq, q + L).add(a51).intoArray(dxq, q + L);
    }

    /**
     * The padded input gradient of one image and group, split into sw column phases: (Cg, DP, HP, sw, WQ). Positions
     * past the output row (up to the next multiple of 2L) and padding taps (weights zero) land inside it harmlessly.
     */
    private static final class Phases {
        final int dp, hp, wq, owRounded, size;
        final int[] tapOffsets;
        private final ConvGeometry g;
        /** Per-thread, reused across calls (see {@link PaddedImage} on why not one ThreadLocal per instance). */
        private static final ThreadLocal<float[]> BUFFER = ThreadLocal.withInitial(() -> new float[0]);

        Phases(ConvGeometry g, int tapsRounded) {
            this.g = g;
            dp = g.d + 2 * g.pd;
            hp = g.h + 2 * g.ph;
            owRounded = (g.ow + PB - 1) / PB * PB;
            wq = Math.max((g.w + 2 * g.pw + g.sw - 1) / g.sw, owRounded + (g.kw - 1) * g.dw / g.sw + 1);
            size = g.cg * dp * hp * g.sw * wq;
            tapOffsets = new int[tapsRounded];
            int t = 0;
            for (int c = 0; c < g.cg; c++)
                for (int kd = 0; kd < g.kd; kd++)
                    for (int kh = 0; kh < g.kh; kh++)
                        for (int kw = 0; kw < g.kw; kw++) {
                            int col = kw * g.dw;
                            tapOffsets[t++] = (((c * dp + kd * g.dd) * hp + kh * g.dh) * g.sw + col % g.sw) * wq + col / g.sw;
                        }
        }

        float[] zeroed() {
            float[] a = BUFFER.get();
            if (a.length < size) BUFFER.set(a = new float[size]);
            Arrays.fill(a, 0, size, 0f);
            return a;
        }

        // dxq -> dx from `base` (cg channels of d x h x w); the padding border is dropped
        void fold(float[] dxq, float[] dx, int base) {
            for (int c = 0; c < g.cg; c++) {
                for (int d = 0; d < g.d; d++) {
                    for (int h = 0; h < g.h; h++) {
                        int dst = base + ((c * g.d + d) * g.h + h) * g.w;
                        int row = ((c * dp + d + g.pd) * hp + h + g.ph) * g.sw * wq;
                        for (int iw = 0; iw < g.w; iw++) {
                            int col = iw + g.pw;
                            dx[dst + iw] = dxq[row + (col % g.sw) * wq + col / g.sw];
                        }
                    }
                }
            }
        }
    }
}
