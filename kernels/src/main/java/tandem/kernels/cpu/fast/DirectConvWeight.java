package tandem.kernels.cpu.fast;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import tandem.tensor.Tandem;

/**
 * Backward-weight for the layers {@link DirectConv} serves (few input channels, many output channels):
 * dw[o, t] = sum over images and positions p of dy[o, p] * x[tap t at p].
 *
 * <p>As a GEMM (dy @ col^T) every gathered column value feeds only Og = 64 lanes of work, so packing col^T at stride
 * 2 cost as much as the FMAs. Here the register tile is 6 taps x V vectors of output channels: for each position of an
 * output row it loads V vectors of dy (the row transposed once to [ow][o]) and broadcasts six input values straight
 * from the zero-padded image of {@link DirectConv}. Accumulators live in a per-thread [tap][o] array across rows;
 * threads take whole images and their sums are added at the end.
 *
 * <p>What decides the shape: as for {@link DirectConv}, 6 V accumulators + V dy vectors + 1 broadcast must fit the
 * register file, so V = 4 on 32 registers ({@link #tile4}) and V = 2 on 16 ({@link #tile2}); layers with fewer
 * channels take the widest tile they fill, down to one vector ({@link #tile1}), which takes 12 taps: with 6 its
 * 6 FMA chains left part of the FMA latency x 2 pipes idle (12 accumulators + 1 dy vector + 1 broadcast fit 16
 * registers). The one-vector tile also runs over a block of output rows per call (the tiny preset's stem has rows of
 * 16 positions, after which the accumulators went back to memory). On the tiny stem's backward-weight (batch 8, one
 * thread, one process alternating both versions) the two changes measured 1.46-2.2x on AVX-512 and 1.03-1.8x under
 * -XX:UseAVX=2.
 */
final class DirectConvWeight {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Floats of transposed dy one block of output rows may take: 16 KiB, a third of a small L1d. */
    static final int DY_BLOCK = 4096;
    /** Taps per register tile of 2 or 4 vectors. */
    static final int TB = 6;
    /** Taps per register tile of one vector: 12 FMA chains, where 6 left half of the FMA latency x pipes uncovered. */
    static final int TB1 = 12;

    private DirectConvWeight() {}

    // x: (B, C, D, H, W), dy: (B, O, OD, OH, OW) -> dw: (O, Cg, KD, KH, KW); every element of dw is written
    static void backwardWeight(ConvGeometry g, float[] x, float[] dy, float[] dw, int vectors) {
        int ob = DirectConv.channelBlock(vectors);
        int tb = vectors == 1 ? TB1 : TB;
        int tapsRounded = (g.taps + tb - 1) / tb * tb, ogRounded = (g.og + ob - 1) / ob * ob;
        PaddedImage pad = new PaddedImage(g, tapsRounded, DirectConv.stripRowWidth(g), 0);
        int items = g.batch * g.groups, threads = Math.max(1, Math.min(Tandem.numThreads(), items));
        int accSize = g.groups * tapsRounded * ogRounded;
        // Output rows per register-tile call: one for the wide tiles (a stem row is 56 positions), for the one-vector
        // tile of narrow layers as many as keep their transposed dy within DY_BLOCK (L1), so its accumulators stay in
        // registers across rows instead of being reloaded every 16 positions.
        int rowsPerBlock = vectors > 1 ? 1 : Math.max(1, Math.min(g.oh, DY_BLOCK / (g.ow * ogRounded)));
        float[][] sums = new float[threads][];
        Parallel.run(threads, task -> {
            float[] acc = new float[accSize];
            float[] dyT = new float[rowsPerBlock * g.ow * ogRounded];
            // at[r * ow + c]: where output position (r, c) of a block reads x, from the block's first row. A table
            // rather than nested row and column loops inside the tile (C2 then kept the accumulators in memory: ten
            // times slower) or a column counter with a jump at each row's end (no faster in our runs).
            int[] at = new int[rowsPerBlock * g.ow];
            for (int r = 0; r < rowsPerBlock; r++) {
                for (int c = 0; c < g.ow; c++) at[r * g.ow + c] = r * g.sh * pad.wp + c * g.sw;
            }
            for (int item = Parallel.split(items, threads, task); item < Parallel.split(items, threads, task + 1); item++) {
                int b = item / g.groups, grp = item % g.groups;
                float[] xp = pad.fill(x, g.inputBase(b, grp));
                int accBase = grp * tapsRounded * ogRounded;
                for (int od = 0; od < g.od; od++) {
                    for (int oh0 = 0; oh0 < g.oh; oh0 += rowsPerBlock) {
                        int rows = Math.min(rowsPerBlock, g.oh - oh0);
                        transposeRows(g, dy, g.outputBase(b, grp) + (od * g.oh + oh0) * g.ow, rows, ogRounded, dyT);
                        int rowIn = (od * g.sd * pad.hp + oh0 * g.sh) * pad.wp;
                        blockTiles(g, vectors, tb, rows, at, dyT, ogRounded, tapsRounded, xp, pad.tapOffsets, rowIn, acc, accBase);
                    }
                }
            }
            sums[task] = acc;
        });
        for (int grp = 0; grp < g.groups; grp++) {
            for (int o = 0; o < g.og; o++) {
                for (int t = 0; t < g.taps; t++) {
                    int at = (grp * tapsRounded + t) * ogRounded + o;
                    float s = 0f;
                    for (float[] part : sums) s += part[at];
                    dw[g.weightBase(grp) + o * g.taps + t] = s;
                }
            }
        }
    }

    // dyT[r][ow][o] = dy[rowOut + o * positions + r * ow + ow] for r < rows; channels past og stay zero. This and the
    // next are methods of their own to keep the per-thread loop small; doing so did not cure the stem's two-state JIT
    // outcome (benchmarks/README.md, "Narrow layers").
    private static void transposeRows(ConvGeometry g, float[] dy, int rowOut, int rows, int ogRounded, float[] dyT) {
        for (int r = 0; r < rows; r++) {
            int dst = r * g.ow * ogRounded;
            for (int o = 0; o < g.og; o++) {
                for (int ow = 0, src = rowOut + o * g.positions + r * g.ow; ow < g.ow; ow++) {
                    dyT[dst + ow * ogRounded + o] = dy[src + ow];
                }
            }
        }
    }

    // Every register tile of one block of output rows: all channel blocks x all tap blocks, into acc from accBase.
    private static void blockTiles(ConvGeometry g, int vectors, int tb, int rows, int[] at, float[] dyT, int ogRounded,
                                   int tapsRounded, float[] xp, int[] tapOffsets, int rowIn, float[] acc, int accBase) {
        int ob = DirectConv.channelBlock(vectors);
        for (int o0 = 0; o0 < ogRounded; o0 += ob) {
            for (int t0 = 0; t0 < tapsRounded; t0 += tb) {
                int accAt = accBase + t0 * ogRounded + o0;
                if (vectors == 4) {
                    tile4(g.ow, dyT, ogRounded, o0, xp, tapOffsets, t0, rowIn, g.sw, acc, accAt, ogRounded);
                } else if (vectors == 2) {
                    tile2(g.ow, dyT, ogRounded, o0, xp, tapOffsets, t0, rowIn, g.sw, acc, accAt, ogRounded);
                } else {
                    tile1(rows * g.ow, at, dyT, ogRounded, o0, xp, tapOffsets, t0, rowIn, acc, accAt, ogRounded);
                }
            }
        }
    }

    // acc[accOff + i * accStride + o] += sum_ow dyT[ow][ob + o] * xp[tapOffsets[t0 + i] + rowIn + ow * sw], o < 4L
    private static void tile4(int ow, float[] dyT, int dyStride, int ob, float[] xp, int[] tapOffsets, int t0, int rowIn,
                             int sw, float[] acc, int accOff, int accStride) {
        int r0 = accOff, r1 = r0 + accStride, r2 = r1 + accStride, r3 = r2 + accStride, r4 = r3 + accStride, r5 = r4 + accStride;
        FloatVector a00 = FloatVector.fromArray(S, acc, r0), a01 = FloatVector.fromArray(S, acc, r0 + L);
        FloatVector a02 = FloatVector.fromArray(S, acc, r0 + 2 * L), a03 = FloatVector.fromArray(S, acc, r0 + 3 * L);
        FloatVector a10 = FloatVector.fromArray(S, acc, r1), a11 = FloatVector.fromArray(S, acc, r1 + L);
        FloatVector a12 = FloatVector.fromArray(S, acc, r1 + 2 * L), a13 = FloatVector.fromArray(S, acc, r1 + 3 * L);
        FloatVector a20 = FloatVector.fromArray(S, acc, r2), a21 = FloatVector.fromArray(S, acc, r2 + L);
        FloatVector a22 = FloatVector.fromArray(S, acc, r2 + 2 * L), a23 = FloatVector.fromArray(S, acc, r2 + 3 * L);
        FloatVector a30 = FloatVector.fromArray(S, acc, r3), a31 = FloatVector.fromArray(S, acc, r3 + L);
        FloatVector a32 = FloatVector.fromArray(S, acc, r3 + 2 * L), a33 = FloatVector.fromArray(S, acc, r3 + 3 * L);
        FloatVector a40 = FloatVector.fromArray(S, acc, r4), a41 = FloatVector.fromArray(S, acc, r4 + L);
        FloatVector a42 = FloatVector.fromArray(S, acc, r4 + 2 * L), a43 = FloatVector.fromArray(S, acc, r4 + 3 * L);
        FloatVector a50 = FloatVector.fromArray(S, acc, r5), a51 = FloatVector.fromArray(S, acc, r5 + L);
        FloatVector a52 = FloatVector.fromArray(S, acc, r5 + 2 * L), a53 = FloatVector.fromArray(S, acc, r5 + 3 * L);
        int x0 = tapOffsets[t0] + rowIn, x1 = tapOffsets[t0 + 1] + rowIn, x2 = tapOffsets[t0 + 2] + rowIn;
        int x3 = tapOffsets[t0 + 3] + rowIn, x4 = tapOffsets[t0 + 4] + rowIn, x5 = tapOffsets[t0 + 5] + rowIn;
        for (int p = 0, yi = ob, xi = 0; p < ow; p++, yi += dyStride, xi += sw) {
            FloatVector y0 = FloatVector.fromArray(S, dyT, yi);
            FloatVector y1 = FloatVector.fromArray(S, dyT, yi + L);
            FloatVector y2 = FloatVector.fromArray(S, dyT, yi + 2 * L);
            FloatVector y3 = FloatVector.fromArray(S, dyT, yi + 3 * L);
            FloatVector v = FloatVector.broadcast(S, xp[x0 + xi]);
            a00 = v.fma(y0, a00); a01 = v.fma(y1, a01); a02 = v.fma(y2, a02); a03 = v.fma(y3, a03);
            v = FloatVector.broadcast(S, xp[x1 + xi]);
            a10 = v.fma(y0, a10); a11 = v.fma(y1, a11); a12 = v.fma(y2, a12); a13 = v.fma(y3, a13);
            v = FloatVector.broadcast(S, xp[x2 + xi]);
            a20 = v.fma(y0, a20); a21 = v.fma(y1, a21); a22 = v.fma(y2, a22); a23 = v.fma(y3, a23);
            v = FloatVector.broadcast(S, xp[x3 + xi]);
            a30 = v.fma(y0, a30); a31 = v.fma(y1, a31); a32 = v.fma(y2, a32); a33 = v.fma(y3, a33);
            v = FloatVector.broadcast(S, xp[x4 + xi]);
            a40 = v.fma(y0, a40); a41 = v.fma(y1, a41); a42 = v.fma(y2, a42); a43 = v.fma(y3, a43);
            v = FloatVector.broadcast(S, xp[x5 + xi]);
            a50 = v.fma(y0, a50); a51 = v.fma(y1, a51); a52 = v.fma(y2, a52); a53 = v.fma(y3, a53);
        }
        a00.intoArray(acc, r0); a01.intoArray(acc, r0 + L); a02.intoArray(acc, r0 + 2 * L); a03.intoArray(acc, r0 + 3 * L);
        a10.intoArray(acc, r1); a11.intoArray(acc, r1 + L); a12.intoArray(acc, r1 + 2 * L); a13.intoArray(acc, r1 + 3 * L);
        a20.intoArray(acc, r2); a21.intoArray(acc, r2 + L); a22.intoArray(acc, r2 + 2 * L); a23.intoArray(acc, r2 + 3 * L);
        a30.intoArray(acc, r3); a31.intoArray(acc, r3 + L); a32.intoArray(acc, r3 + 2 * L); a33.intoArray(acc, r3 + 3 * L);
        a40.intoArray(acc, r4); a41.intoArray(acc, r4 + L); a42.intoArray(acc, r4 + 2 * L); a43.intoArray(acc, r4 + 3 * L);
        a50.intoArray(acc, r5); a51.intoArray(acc, r5 + L); a52.intoArray(acc, r5 + 2 * L); a53.intoArray(acc, r5 + 3 * L);
    }

    // acc[accOff + i * accStride + o] += sum_ow dyT[ow][ob + o] * xp[tapOffsets[t0 + i] + rowIn + ow * sw], o < 2L
    private static void tile2(int ow, float[] dyT, int dyStride, int ob, float[] xp, int[] tapOffsets, int t0, int rowIn,
                              int sw, float[] acc, int accOff, int accStride) {
        int r0 = accOff, r1 = r0 + accStride, r2 = r1 + accStride, r3 = r2 + accStride, r4 = r3 + accStride, r5 = r4 + accStride;
        FloatVector a00 = FloatVector.fromArray(S, acc, r0), a01 = FloatVector.fromArray(S, acc, r0 + L);
        FloatVector a10 = FloatVector.fromArray(S, acc, r1), a11 = FloatVector.fromArray(S, acc, r1 + L);
        FloatVector a20 = FloatVector.fromArray(S, acc, r2), a21 = FloatVector.fromArray(S, acc, r2 + L);
        FloatVector a30 = FloatVector.fromArray(S, acc, r3), a31 = FloatVector.fromArray(S, acc, r3 + L);
        FloatVector a40 = FloatVector.fromArray(S, acc, r4), a41 = FloatVector.fromArray(S, acc, r4 + L);
        FloatVector a50 = FloatVector.fromArray(S, acc, r5), a51 = FloatVector.fromArray(S, acc, r5 + L);
        int x0 = tapOffsets[t0] + rowIn, x1 = tapOffsets[t0 + 1] + rowIn, x2 = tapOffsets[t0 + 2] + rowIn;
        int x3 = tapOffsets[t0 + 3] + rowIn, x4 = tapOffsets[t0 + 4] + rowIn, x5 = tapOffsets[t0 + 5] + rowIn;
        for (int p = 0, yi = ob, xi = 0; p < ow; p++, yi += dyStride, xi += sw) {
            FloatVector y0 = FloatVector.fromArray(S, dyT, yi);
            FloatVector y1 = FloatVector.fromArray(S, dyT, yi + L);
            FloatVector v = FloatVector.broadcast(S, xp[x0 + xi]);
            a00 = v.fma(y0, a00); a01 = v.fma(y1, a01);
            v = FloatVector.broadcast(S, xp[x1 + xi]);
            a10 = v.fma(y0, a10); a11 = v.fma(y1, a11);
            v = FloatVector.broadcast(S, xp[x2 + xi]);
            a20 = v.fma(y0, a20); a21 = v.fma(y1, a21);
            v = FloatVector.broadcast(S, xp[x3 + xi]);
            a30 = v.fma(y0, a30); a31 = v.fma(y1, a31);
            v = FloatVector.broadcast(S, xp[x4 + xi]);
            a40 = v.fma(y0, a40); a41 = v.fma(y1, a41);
            v = FloatVector.broadcast(S, xp[x5 + xi]);
            a50 = v.fma(y0, a50); a51 = v.fma(y1, a51);
        }
        a00.intoArray(acc, r0); a01.intoArray(acc, r0 + L);
        a10.intoArray(acc, r1); a11.intoArray(acc, r1 + L);
        a20.intoArray(acc, r2); a21.intoArray(acc, r2 + L);
        a30.intoArray(acc, r3); a31.intoArray(acc, r3 + L);
        a40.intoArray(acc, r4); a41.intoArray(acc, r4 + L);
        a50.intoArray(acc, r5); a51.intoArray(acc, r5 + L);
    }

    // acc[accOff + i * accStride + o] += sum over q < positions of dyT[q][ob + o] * xp[tapOffsets[t0 + i] + rowIn + at[q]], o < L, i < 12
    private static void tile1(int positions, int[] at, float[] dyT, int dyStride, int ob, float[] xp, int[] tapOffsets, int t0,
                              int rowIn, float[] acc, int accOff, int accStride) {
        int r0 = accOff, r1 = r0 + accStride, r2 = r1 + accStride, r3 = r2 + accStride, r4 = r3 + accStride, r5 = r4 + accStride;
        int r6 = r5 + accStride, r7 = r6 + accStride, r8 = r7 + accStride, r9 = r8 + accStride, r10 = r9 + accStride;
        int r11 = r10 + accStride;
        FloatVector a0 = FloatVector.fromArray(S, acc, r0), a1 = FloatVector.fromArray(S, acc, r1);
        FloatVector a2 = FloatVector.fromArray(S, acc, r2), a3 = FloatVector.fromArray(S, acc, r3);
        FloatVector a4 = FloatVector.fromArray(S, acc, r4), a5 = FloatVector.fromArray(S, acc, r5);
        FloatVector a6 = FloatVector.fromArray(S, acc, r6), a7 = FloatVector.fromArray(S, acc, r7);
        FloatVector a8 = FloatVector.fromArray(S, acc, r8), a9 = FloatVector.fromArray(S, acc, r9);
        FloatVector a10 = FloatVector.fromArray(S, acc, r10), a11 = FloatVector.fromArray(S, acc, r11);
        int x0 = tapOffsets[t0] + rowIn, x1 = tapOffsets[t0 + 1] + rowIn, x2 = tapOffsets[t0 + 2] + rowIn;
        int x3 = tapOffsets[t0 + 3] + rowIn, x4 = tapOffsets[t0 + 4] + rowIn, x5 = tapOffsets[t0 + 5] + rowIn;
        int x6 = tapOffsets[t0 + 6] + rowIn, x7 = tapOffsets[t0 + 7] + rowIn, x8 = tapOffsets[t0 + 8] + rowIn;
        int x9 = tapOffsets[t0 + 9] + rowIn, x10 = tapOffsets[t0 + 10] + rowIn, x11 = tapOffsets[t0 + 11] + rowIn;
        for (int q = 0, yi = ob; q < positions; q++, yi += dyStride) {
            int xi = at[q];
            FloatVector y0 = FloatVector.fromArray(S, dyT, yi);
            a0 = FloatVector.broadcast(S, xp[x0 + xi]).fma(y0, a0);
            a1 = FloatVector.broadcast(S, xp[x1 + xi]).fma(y0, a1);
            a2 = FloatVector.broadcast(S, xp[x2 + xi]).fma(y0, a2);
            a3 = FloatVector.broadcast(S, xp[x3 + xi]).fma(y0, a3);
            a4 = FloatVector.broadcast(S, xp[x4 + xi]).fma(y0, a4);
            a5 = FloatVector.broadcast(S, xp[x5 + xi]).fma(y0, a5);
            a6 = FloatVector.broadcast(S, xp[x6 + xi]).fma(y0, a6);
            a7 = FloatVector.broadcast(S, xp[x7 + xi]).fma(y0, a7);
            a8 = FloatVector.broadcast(S, xp[x8 + xi]).fma(y0, a8);
            a9 = FloatVector.broadcast(S, xp[x9 + xi]).fma(y0, a9);
            a10 = FloatVector.broadcast(S, xp[x10 + xi]).fma(y0, a10);
            a11 = FloatVector.broadcast(S, xp[x11 + xi]).fma(y0, a11);
        }
        a0.intoArray(acc, r0);
        a1.intoArray(acc, r1);
        a2.intoArray(acc, r2);
        a3.intoArray(acc, r3);
        a4.intoArray(acc, r4);
        a5.intoArray(acc, r5);
        a6.intoArray(acc, r6);
        a7.intoArray(acc, r7);
        a8.intoArray(acc, r8);
        a9.intoArray(acc, r9);
        a10.intoArray(acc, r10);
        a11.intoArray(acc, r11);
    }
}
