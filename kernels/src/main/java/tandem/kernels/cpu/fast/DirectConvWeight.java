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
 * channels take the widest tile they fill, down to one vector ({@link #tile1}).
 */
final class DirectConvWeight {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Taps per register tile. */
    static final int TB = 6;

    private DirectConvWeight() {}

    // x: (B, C, D, H, W), dy: (B, O, OD, OH, OW) -> dw: (O, Cg, KD, KH, KW); every element of dw is written
    static void backwardWeight(ConvGeometry g, float[] x, float[] dy, float[] dw, int vectors) {
        int ob = DirectConv.channelBlock(vectors);
        int tapsRounded = (g.taps + TB - 1) / TB * TB, ogRounded = (g.og + ob - 1) / ob * ob;
        PaddedImage pad = new PaddedImage(g, tapsRounded, DirectConv.stripRowWidth(g), 0);
        int items = g.batch * g.groups, threads = Math.max(1, Math.min(Tandem.numThreads(), items));
        int accSize = g.groups * tapsRounded * ogRounded;
        float[][] sums = new float[threads][];
        Parallel.run(threads, task -> {
            float[] acc = new float[accSize];
            float[] dyT = new float[g.ow * ogRounded];
            for (int item = Parallel.split(items, threads, task); item < Parallel.split(items, threads, task + 1); item++) {
                int b = item / g.groups, grp = item % g.groups;
                float[] xp = pad.fill(x, g.inputBase(b, grp));
                int accBase = grp * tapsRounded * ogRounded;
                for (int od = 0; od < g.od; od++) {
                    for (int oh = 0; oh < g.oh; oh++) {
                        // dyT[ow][o] = dy[o][od, oh, ow]; channels past og stay zero
                        int rowOut = g.outputBase(b, grp) + (od * g.oh + oh) * g.ow;
                        for (int o = 0; o < g.og; o++) {
                            for (int ow = 0, src = rowOut + o * g.positions; ow < g.ow; ow++) dyT[ow * ogRounded + o] = dy[src + ow];
                        }
                        int rowIn = (od * g.sd * pad.hp + oh * g.sh) * pad.wp;
                        for (int o0 = 0; o0 < ogRounded; o0 += ob) {
                            for (int t0 = 0; t0 < tapsRounded; t0 += TB) {
                                int at = accBase + t0 * ogRounded + o0;
                                if (vectors == 4) {
                                    tile4(g.ow, dyT, ogRounded, o0, xp, pad.tapOffsets, t0, rowIn, g.sw, acc, at, ogRounded);
                                } else if (vectors == 2) {
                                    tile2(g.ow, dyT, ogRounded, o0, xp, pad.tapOffsets, t0, rowIn, g.sw, acc, at, ogRounded);
                                } else {
                                    tile1(g.ow, dyT, ogRounded, o0, xp, pad.tapOffsets, t0, rowIn, g.sw, acc, at, ogRounded);
                                }
                            }
                        }
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

    // acc[accOff + i * accStride + o] += sum_ow dyT[ow][ob + o] * xp[tapOffsets[t0 + i] + rowIn + ow * sw], o < L
    private static void tile1(int ow, float[] dyT, int dyStride, int ob, float[] xp, int[] tapOffsets, int t0, int rowIn,
                              int sw, float[] acc, int accOff, int accStride) {
        int r0 = accOff, r1 = r0 + accStride, r2 = r1 + accStride, r3 = r2 + accStride, r4 = r3 + accStride, r5 = r4 + accStride;
        FloatVector a0 = FloatVector.fromArray(S, acc, r0), a1 = FloatVector.fromArray(S, acc, r1), a2 = FloatVector.fromArray(S, acc, r2);
        FloatVector a3 = FloatVector.fromArray(S, acc, r3), a4 = FloatVector.fromArray(S, acc, r4), a5 = FloatVector.fromArray(S, acc, r5);
        int x0 = tapOffsets[t0] + rowIn, x1 = tapOffsets[t0 + 1] + rowIn, x2 = tapOffsets[t0 + 2] + rowIn;
        int x3 = tapOffsets[t0 + 3] + rowIn, x4 = tapOffsets[t0 + 4] + rowIn, x5 = tapOffsets[t0 + 5] + rowIn;
        for (int p = 0, yi = ob, xi = 0; p < ow; p++, yi += dyStride, xi += sw) {
            FloatVector y0 = FloatVector.fromArray(S, dyT, yi);
            a0 = FloatVector.broadcast(S, xp[x0 + xi]).fma(y0, a0);
            a1 = FloatVector.broadcast(S, xp[x1 + xi]).fma(y0, a1);
            a2 = FloatVector.broadcast(S, xp[x2 + xi]).fma(y0, a2);
            a3 = FloatVector.broadcast(S, xp[x3 + xi]).fma(y0, a3);
            a4 = FloatVector.broadcast(S, xp[x4 + xi]).fma(y0, a4);
            a5 = FloatVector.broadcast(S, xp[x5 + xi]).fma(y0, a5);
        }
        a0.intoArray(acc, r0);
        a1.intoArray(acc, r1);
        a2.intoArray(acc, r2);
        a3.intoArray(acc, r3);
        a4.intoArray(acc, r4);
        a5.intoArray(acc, r5);
    }
}
