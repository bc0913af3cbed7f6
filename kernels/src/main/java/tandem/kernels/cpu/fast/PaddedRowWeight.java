package tandem.kernels.cpu.fast;

import tandem.tensor.Tandem;

/**
 * Backward-weight for the layers {@link PaddedRowConv} serves, on the same padded-row positions, as
 * dW_g^T (CK x Og) += col (CK x OH*WP) @ dy_g^T (OH*WP x Og) per image and output plane.
 *
 * <p>With col as the left operand its rows (taps) are contiguous runs of the padded image, so an A sliver packs
 * its runs side by side with nearly sequential writes; as the right operand of dy @ col^T the same values had to be
 * gathered one tap at a time into strided sliver columns. dy is copied once per image into the padded-row layout
 * with zeros in the throwaway columns, so those positions add nothing.
 *
 * <p>What decides the shape: the GEMM's tiles and blocking ({@link KernelShapes}); the A slivers are MR runs wide.
 */
final class PaddedRowWeight {
    private PaddedRowWeight() {}

    // x: (B, C, D, H, W), dy: (B, O, OD, OH, OW) -> dw: (O, Cg, KD, KH, KW); every element of dw is written
    static void backwardWeight(GemmShape shape, ConvGeometry g, float[] x, float[] dy, float[] dw) {
        PaddedImage pad = new PaddedImage(g, g.taps, 0, (g.kw - 1) * g.dw + GemmShape.TILE_ROWS[GemmShape.TILE_ROWS.length - 1]);
        int threads = Tandem.numThreads();
        if (g.groups >= threads || g.batch < threads) {
            // Groups own disjoint slices of dw, so they can run in parallel; images of one group accumulate in order.
            FastConv.forEachItem(g.groups, (grp, inner) -> {
                float[] dwT = new float[g.taps * g.og];
                accumulate(shape, g, pad, x, dy, grp, 0, g.batch, dwT, inner);
                store(g, grp, dwT, dw);
            });
            return;
        }
        // Few groups, enough images: each thread sums its share of the images, the shares are added at the end
        // (threads inside one GEMM per plane met once per plane and each re-packed all of dy).
        for (int grp = 0; grp < g.groups; grp++) {
            int group = grp;
            float[][] parts = new float[threads][];
            Parallel.run(threads, t -> {
                float[] dwT = new float[g.taps * g.og];
                accumulate(shape, g, pad, x, dy, group, Parallel.split(g.batch, threads, t), Parallel.split(g.batch, threads, t + 1), dwT, 1);
                parts[t] = dwT;
            });
            for (int t = 1; t < threads; t++) {
                for (int i = 0; i < parts[0].length; i++) parts[0][i] += parts[t][i];
            }
            store(g, grp, parts[0], dw);
        }
    }

    // dwT (CK x Og) = sum over images [b0, b1) of col @ dy^T for group grp
    private static void accumulate(GemmShape shape, ConvGeometry g, PaddedImage pad, float[] x, float[] dy, int grp, int b0, int b1,
                                   float[] dwT, int threads) {
        int n = g.oh * pad.wp, planes = g.od * n;
        float[] dyp = new float[g.og * planes];
        for (int b = b0; b < b1; b++) {
            float[] xp = pad.fill(x, g.inputBase(b, grp));
            int yBase = g.outputBase(b, grp);
            for (int o = 0; o < g.og; o++) {
                for (int r = 0; r < g.od * g.oh; r++) {
                    System.arraycopy(dy, yBase + o * g.positions + r * g.ow, dyp, o * planes + r * pad.wp, g.ow);
                }
            }
            for (int od = 0; od < g.od; od++) {
                boolean first = b == b0 && od == 0;
                Sgemm.gemm(shape, g.taps, g.og, n, new Rows(xp, pad.tapOffsets, od * g.sd * pad.hp * pad.wp),
                        new StridedMatrix(dyp, od * n, 1, planes), 1f, first ? 0f : 1f, dwT, 0, g.og, threads);
            }
        }
    }

    // dw[grp][o][t] = dwT[t][o]
    private static void store(ConvGeometry g, int grp, float[] dwT, float[] dw) {
        for (int o = 0; o < g.og; o++) {
            for (int t = 0; t < g.taps; t++) dw[g.weightBase(grp) + o * g.taps + t] = dwT[t * g.og + o];
        }
    }

    /** col over padded-row positions as the left operand: row t is xp from tapOffsets[t] + base, contiguous. */
    record Rows(float[] xp, int[] tapOffsets, int base) implements PanelA {
        // dst: [kc][mr], rows past `rows` zero
        @Override
        public void pack(int mr, int i0, int rows, int p0, int kc, float alpha, float[] dst, int dstOff) {
            int[] start = new int[rows];
            for (int r = 0; r < rows; r++) start[r] = tapOffsets[i0 + r] + base + p0;
            PanelA.packRows(xp, start, rows, mr, kc, alpha, dst, dstOff);
        }
    }
}
