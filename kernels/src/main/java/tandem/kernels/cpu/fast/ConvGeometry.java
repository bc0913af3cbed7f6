package tandem.kernels.cpu.fast;

import tandem.tensor.ConvSpec;

/**
 * A 1-, 2- or 3-d convolution seen as 3-d: missing leading spatial dims become size 1 with stride 1, padding 0 and
 * dilation 1, so one set of loops serves every rank. Per group g the convolution is the GEMM
 * Y_g (Og x P) = W_g (Og x CK) @ col_g (CK x P), with P output positions and CK = Cg * KD * KH * KW taps.
 */
final class ConvGeometry {
    final int batch, channels, outChannels, groups, cg, og;
    final int d, h, w, kd, kh, kw, od, oh, ow;
    final int sd, sh, sw, pd, ph, pw, dd, dh, dw;
    /** Output positions per image (od * oh * ow), taps per output channel (cg * kd * kh * kw), input voxels per channel. */
    final int positions, taps, voxels;

    ConvGeometry(String op, int[] x, int[] wt, ConvSpec spec) {
        int[] y = spec.outputShape(op, x, wt);
        int n = spec.dims();
        int[] sp = pad3(x, 2, n), ks = pad3(wt, 2, n), os = pad3(y, 2, n);
        int[] st = pad3(spec.stride(), 0, n), pa = zero3(spec.padding(), n), di = pad3(spec.dilation(), 0, n);
        batch = x[0];
        channels = x[1];
        outChannels = wt[0];
        groups = spec.groups();
        cg = channels / groups;
        og = outChannels / groups;
        d = sp[0]; h = sp[1]; w = sp[2];
        kd = ks[0]; kh = ks[1]; kw = ks[2];
        od = os[0]; oh = os[1]; ow = os[2];
        sd = st[0]; sh = st[1]; sw = st[2];
        pd = pa[0]; ph = pa[1]; pw = pa[2];
        dd = di[0]; dh = di[1]; dw = di[2];
        positions = od * oh * ow;
        taps = cg * kd * kh * kw;
        voxels = d * h * w;
    }

    // Right-aligns the last n entries of a (from index `from`) into a 3-vector, filling the front with 1.
    private static int[] pad3(int[] a, int from, int n) {
        int[] r = {1, 1, 1};
        for (int i = 0; i < n; i++) r[3 - n + i] = a[from + i];
        return r;
    }

    private static int[] zero3(int[] a, int n) {
        int[] r = {0, 0, 0};
        for (int i = 0; i < n; i++) r[3 - n + i] = a[i];
        return r;
    }

    /** Offset of image b, group g's first input channel. */
    int inputBase(int b, int g) { return (b * channels + g * cg) * voxels; }

    /** Offset of image b, group g's first output channel. */
    int outputBase(int b, int g) { return (b * outChannels + g * og) * positions; }

    /** Offset of group g's first weight row. */
    int weightBase(int g) { return g * og * taps; }
}
