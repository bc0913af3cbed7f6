package tandem.kernels.cpu.fast;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Forward convolution for layers with few input channels and many output channels (the video stem: 3 channels in,
 * 64 out, 3x7x7 kernel, stride (1, 2, 2)), computed without packing the column matrix.
 *
 * <p>Through implicit im2col every column value is gathered once (a strided scalar copy at stride 2) and then feeds
 * only Og = 64 lanes of FMA work, so packing cost more than the arithmetic it fed (about 30 GFLOP/s on one thread).
 * Here the register tile is 6 output positions x V vectors of output channels: each tap loads V vectors of weights
 * (packed once, [tap][V lanes]) and broadcasts six input values read straight from a zero-padded copy of the image,
 * so no bounds checks and no packing remain in the loop.
 *
 * <p>What decides the shape: the register file. 6 V accumulators + V weight vectors + 1 broadcast must fit, so
 * V = 4 on 32 registers (29 live, {@link #strip4}) and V = 2 on 16 (15 live, {@link #strip2});
 * {@link KernelShapes#directVectors} chooses, the lane count sets the channels per tile (V x lanes). A layer with
 * fewer channels takes the widest tile they fill ({@link #tileVectors}), down to one vector ({@link #strip1}), even a
 * partly filled one: the tiny preset's stem has 8 output channels, one vector of AVX2 and half of one of AVX-512, and
 * through im2col its stride-2 gather was most of a training step.
 */
final class DirectConv {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Output positions per register tile, along the output row. */
    static final int PB = 6;

    private DirectConv() {}

    /** Output channels per register tile for a tile {@code vectors} wide. */
    static int channelBlock(int vectors) { return vectors * L; }

    /** Padded row width that lets the last strip of a row compute up to PB - 1 positions past its end. */
    static int stripRowWidth(ConvGeometry g) {
        int owRounded = (g.ow + PB - 1) / PB * PB;
        return (owRounded - 1) * g.sw + (g.kw - 1) * g.dw + 1;
    }

    /**
     * The tile width in vectors for this layer, at most {@code maxVectors}, or 0 when the direct kernels do not apply.
     * They are worth it when im2col would feed few FMAs per gathered value (at most 4 input channels per group). The
     * output channels are padded up to whole vectors (the padding lanes compute zeros that are never written), as long
     * as at least half of the padded lanes are real channels; the widest tile of 4, 2 or 1 vectors that they fill is
     * taken. The tiny preset's stem has 8 output channels: half of a 16-lane vector, which still costs what one 8-lane
     * vector costs on AVX2, where through im2col that layer was more than half of an AVX-512 training step.
     */
    static int tileVectors(ConvGeometry g, int maxVectors) {
        int padded = (g.og + L - 1) / L * L;
        if (g.cg > 4 || 2 * g.og < padded) return 0;
        for (int v = maxVectors; v >= 1; v /= 2) if (padded >= v * L) return v;
        return 0;
    }

    // x: (B, C, D, H, W), w: (O, Cg, KD, KH, KW) -> y: (B, O, OD, OH, OW); every element of y is written
    static void forward(ConvGeometry g, float[] x, float[] w, float[] y, int vectors) {
        int ob = channelBlock(vectors), oBlocks = (g.og + ob - 1) / ob;
        float[] packed = packWeights(g, w, oBlocks, ob);
        PaddedImage pad = new PaddedImage(g, g.taps, stripRowWidth(g), 0);
        int items = g.batch * g.groups;
        double flops = 2.0 * g.batch * g.outChannels * (double) g.positions * g.taps;
        Parallel.forEachIndex(items, flops, item -> {
            int b = item / g.groups, grp = item % g.groups;
            float[] xp = pad.fill(x, g.inputBase(b, grp));
            float[] tile = new float[(g.ow + PB - 1) / PB * PB * ob];
            for (int o = 0; o < oBlocks; o++) {
                int wBase = (grp * oBlocks + o) * g.taps * ob;
                int oCount = Math.min(ob, g.og - o * ob);
                int yBase = g.outputBase(b, grp) + o * ob * g.positions;
                for (int od = 0; od < g.od; od++) {
                    for (int oh = 0; oh < g.oh; oh++) outputRow(g, pad, xp, packed, wBase, ob, y, yBase, od, oh, oCount, tile);
                }
            }
        });
    }

    // One output row (od, oh) of one block of output channels: strips into `tile` ([ow][ob]), then one pass that
    // writes the row channel by channel. Writing each strip's 6 x 64 values straight into y touched 64 channel planes
    // per strip; at the stem's 50176 positions (a multiple of 4 KiB) they all fall in one L1 set and evicted each
    // other: a quarter of the forward time. A method of its own so C2 compiles it whole, not by on-stack replacement.
    private static void outputRow(ConvGeometry g, PaddedImage pad, float[] xp, float[] packed, int wBase, int ob, float[] y,
                                  int yBase, int od, int oh, int oCount, float[] tile) {
        int rowIn = (od * g.sd * pad.hp + oh * g.sh) * pad.wp;
        if (ob == 4 * L) {
            for (int ow0 = 0; ow0 < g.ow; ow0 += PB) {
                strip4(g.taps, pad.tapOffsets, xp, rowIn + ow0 * g.sw, g.sw, packed, wBase, tile, ow0 * ob);
            }
        } else if (ob == 2 * L) {
            for (int ow0 = 0; ow0 < g.ow; ow0 += PB) {
                strip2(g.taps, pad.tapOffsets, xp, rowIn + ow0 * g.sw, g.sw, packed, wBase, tile, ow0 * ob);
            }
        } else {
            for (int ow0 = 0; ow0 < g.ow; ow0 += PB) {
                strip1(g.taps, pad.tapOffsets, xp, rowIn + ow0 * g.sw, g.sw, packed, wBase, tile, ow0 * ob);
            }
        }
        for (int o = 0, at = yBase + (od * g.oh + oh) * g.ow; o < oCount; o++, at += g.positions) {
            for (int j = 0, t = o; j < g.ow; j++, t += ob) y[at + j] = tile[t];
        }
    }

    // tile[tOff + j * 4L + o] = sum_t w[t][o] * xp[tapOffsets[t] + base + j * sw]: 6 positions x 4 vectors, 24 accumulators
    private static void strip4(int taps, int[] tapOffsets, float[] xp, int base, int sw, float[] w, int wBase, float[] tile, int tOff) {
        final int ob = 4 * L;
        FloatVector z = FloatVector.zero(S);
        FloatVector a00 = z, a01 = z, a02 = z, a03 = z, a10 = z, a11 = z, a12 = z, a13 = z;
        FloatVector a20 = z, a21 = z, a22 = z, a23 = z, a30 = z, a31 = z, a32 = z, a33 = z;
        FloatVector a40 = z, a41 = z, a42 = z, a43 = z, a50 = z, a51 = z, a52 = z, a53 = z;
        for (int t = 0, wi = wBase; t < taps; t++, wi += 4 * L) {
            FloatVector w0 = FloatVector.fromArray(S, w, wi);
            FloatVector w1 = FloatVector.fromArray(S, w, wi + L);
            FloatVector w2 = FloatVector.fromArray(S, w, wi + 2 * L);
            FloatVector w3 = FloatVector.fromArray(S, w, wi + 3 * L);
            int xi = tapOffsets[t] + base;
            FloatVector v = FloatVector.broadcast(S, xp[xi]);
            a00 = v.fma(w0, a00); a01 = v.fma(w1, a01); a02 = v.fma(w2, a02); a03 = v.fma(w3, a03);
            v = FloatVector.broadcast(S, xp[xi + sw]);
            a10 = v.fma(w0, a10); a11 = v.fma(w1, a11); a12 = v.fma(w2, a12); a13 = v.fma(w3, a13);
            v = FloatVector.broadcast(S, xp[xi + 2 * sw]);
            a20 = v.fma(w0, a20); a21 = v.fma(w1, a21); a22 = v.fma(w2, a22); a23 = v.fma(w3, a23);
            v = FloatVector.broadcast(S, xp[xi + 3 * sw]);
            a30 = v.fma(w0, a30); a31 = v.fma(w1, a31); a32 = v.fma(w2, a32); a33 = v.fma(w3, a33);
            v = FloatVector.broadcast(S, xp[xi + 4 * sw]);
            a40 = v.fma(w0, a40); a41 = v.fma(w1, a41); a42 = v.fma(w2, a42); a43 = v.fma(w3, a43);
            v = FloatVector.broadcast(S, xp[xi + 5 * sw]);
            a50 = v.fma(w0, a50); a51 = v.fma(w1, a51); a52 = v.fma(w2, a52); a53 = v.fma(w3, a53);
        }
        a00.intoArray(tile, tOff); a01.intoArray(tile, tOff + L); a02.intoArray(tile, tOff + 2 * L); a03.intoArray(tile, tOff + 3 * L);
        a10.intoArray(tile, tOff + ob); a11.intoArray(tile, tOff + ob + L); a12.intoArray(tile, tOff + ob + 2 * L); a13.intoArray(tile, tOff + ob + 3 * L);
        a20.intoArray(tile, tOff + 2 * ob); a21.intoArray(tile, tOff + 2 * ob + L); a22.intoArray(tile, tOff + 2 * ob + 2 * L); a23.intoArray(tile, tOff + 2 * ob + 3 * L);
        a30.intoArray(tile, tOff + 3 * ob); a31.intoArray(tile, tOff + 3 * ob + L); a32.intoArray(tile, tOff + 3 * ob + 2 * L); a33.intoArray(tile, tOff + 3 * ob + 3 * L);
        a40.intoArray(tile, tOff + 4 * ob); a41.intoArray(tile, tOff + 4 * ob + L); a42.intoArray(tile, tOff + 4 * ob + 2 * L); a43.intoArray(tile, tOff + 4 * ob + 3 * L);
        a50.intoArray(tile, tOff + 5 * ob); a51.intoArray(tile, tOff + 5 * ob + L); a52.intoArray(tile, tOff + 5 * ob + 2 * L); a53.intoArray(tile, tOff + 5 * ob + 3 * L);
    }

    // tile[tOff + j * 2L + o] = sum_t w[t][o] * xp[tapOffsets[t] + base + j * sw]: 6 positions x 2 vectors, 12 accumulators
    private static void strip2(int taps, int[] tapOffsets, float[] xp, int base, int sw, float[] w, int wBase, float[] tile, int tOff) {
        final int ob = 2 * L;
        FloatVector z = FloatVector.zero(S);
        FloatVector a00 = z, a01 = z, a10 = z, a11 = z, a20 = z, a21 = z, a30 = z, a31 = z, a40 = z, a41 = z, a50 = z, a51 = z;
        for (int t = 0, wi = wBase; t < taps; t++, wi += ob) {
            FloatVector w0 = FloatVector.fromArray(S, w, wi);
            FloatVector w1 = FloatVector.fromArray(S, w, wi + L);
            int xi = tapOffsets[t] + base;
            FloatVector v = FloatVector.broadcast(S, xp[xi]);
            a00 = v.fma(w0, a00); a01 = v.fma(w1, a01);
            v = FloatVector.broadcast(S, xp[xi + sw]);
            a10 = v.fma(w0, a10); a11 = v.fma(w1, a11);
            v = FloatVector.broadcast(S, xp[xi + 2 * sw]);
            a20 = v.fma(w0, a20); a21 = v.fma(w1, a21);
            v = FloatVector.broadcast(S, xp[xi + 3 * sw]);
            a30 = v.fma(w0, a30); a31 = v.fma(w1, a31);
            v = FloatVector.broadcast(S, xp[xi + 4 * sw]);
            a40 = v.fma(w0, a40); a41 = v.fma(w1, a41);
            v = FloatVector.broadcast(S, xp[xi + 5 * sw]);
            a50 = v.fma(w0, a50); a51 = v.fma(w1, a51);
        }
        a00.intoArray(tile, tOff); a01.intoArray(tile, tOff + L);
        a10.intoArray(tile, tOff + ob); a11.intoArray(tile, tOff + ob + L);
        a20.intoArray(tile, tOff + 2 * ob); a21.intoArray(tile, tOff + 2 * ob + L);
        a30.intoArray(tile, tOff + 3 * ob); a31.intoArray(tile, tOff + 3 * ob + L);
        a40.intoArray(tile, tOff + 4 * ob); a41.intoArray(tile, tOff + 4 * ob + L);
        a50.intoArray(tile, tOff + 5 * ob); a51.intoArray(tile, tOff + 5 * ob + L);
    }

    // tile[tOff + j * L + o] = sum_t w[t][o] * xp[tapOffsets[t] + base + j * sw]: 6 positions x 1 vector, 6 accumulators
    private static void strip1(int taps, int[] tapOffsets, float[] xp, int base, int sw, float[] w, int wBase, float[] tile, int tOff) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        for (int t = 0, wi = wBase; t < taps; t++, wi += L) {
            FloatVector w0 = FloatVector.fromArray(S, w, wi);
            int xi = tapOffsets[t] + base;
            a0 = FloatVector.broadcast(S, xp[xi]).fma(w0, a0);
            a1 = FloatVector.broadcast(S, xp[xi + sw]).fma(w0, a1);
            a2 = FloatVector.broadcast(S, xp[xi + 2 * sw]).fma(w0, a2);
            a3 = FloatVector.broadcast(S, xp[xi + 3 * sw]).fma(w0, a3);
            a4 = FloatVector.broadcast(S, xp[xi + 4 * sw]).fma(w0, a4);
            a5 = FloatVector.broadcast(S, xp[xi + 5 * sw]).fma(w0, a5);
        }
        a0.intoArray(tile, tOff);
        a1.intoArray(tile, tOff + L);
        a2.intoArray(tile, tOff + 2 * L);
        a3.intoArray(tile, tOff + 3 * L);
        a4.intoArray(tile, tOff + 4 * L);
        a5.intoArray(tile, tOff + 5 * L);
    }

    // w: (O, Cg, K) -> packed[grp][oBlock][tap][ob], channels past og zero
    private static float[] packWeights(ConvGeometry g, float[] w, int oBlocks, int ob) {
        float[] packed = new float[g.groups * oBlocks * g.taps * ob];
        for (int grp = 0; grp < g.groups; grp++) {
            for (int o = 0; o < g.og; o++) {
                int dst = (grp * oBlocks + o / ob) * g.taps * ob + o % ob, src = g.weightBase(grp) + o * g.taps;
                for (int t = 0; t < g.taps; t++) packed[dst + t * ob] = w[src + t];
            }
        }
        return packed;
    }
}
