package tandem.kernels.cpu.fast;

import tandem.tensor.ConvSpec;

/**
 * The definition of convolution as seven nested loops, in double, for the tests: every index of y is
 * sum over (c, k) of w * x at the input position the tap sees. The backward passes are the same loops with the
 * multiply-add pointed the other way. Also accumulates sum |w||x| per output (and per gradient) for tolerances.
 */
final class NaiveConv {
    /** Results and, per element, the sum of |products| that formed it. */
    record Result(double[] value, double[] magnitude) {}

    private final int[] x, w, y;
    private final int[] st, pa, di;
    private final int groups;

    NaiveConv(int[] xShape, int[] wShape, ConvSpec spec) {
        int n = spec.dims();
        int[] ys = spec.outputShape("naive", xShape, wShape);
        x = to3(xShape, n);
        w = to3(wShape, n);
        y = to3(ys, n);
        st = pad(spec.stride(), n, 1);
        pa = pad(spec.padding(), n, 0);
        di = pad(spec.dilation(), n, 1);
        groups = spec.groups();
    }

    private static int[] to3(int[] s, int n) {
        int[] r = {s[0], s[1], 1, 1, 1};
        for (int i = 0; i < n; i++) r[5 - n + i] = s[2 + i];
        return r;
    }

    private static int[] pad(int[] a, int n, int fill) {
        int[] r = {fill, fill, fill};
        for (int i = 0; i < n; i++) r[3 - n + i] = a[i];
        return r;
    }

    /** Visits every (output index, weight index, input index or -1 for padding). */
    private interface Visitor {
        void visit(int yi, int wi, int xi);
    }

    private void each(Visitor v) {
        int cg = x[1] / groups, og = w[0] / groups;
        for (int b = 0; b < y[0]; b++)
            for (int o = 0; o < y[1]; o++)
                for (int od = 0; od < y[2]; od++)
                    for (int oh = 0; oh < y[3]; oh++)
                        for (int ow = 0; ow < y[4]; ow++) {
                            int yi = (((b * y[1] + o) * y[2] + od) * y[3] + oh) * y[4] + ow;
                            int g = o / og;
                            for (int c = 0; c < cg; c++)
                                for (int kd = 0; kd < w[2]; kd++)
                                    for (int kh = 0; kh < w[3]; kh++)
                                        for (int kw = 0; kw < w[4]; kw++) {
                                            int id = od * st[0] - pa[0] + kd * di[0];
                                            int ih = oh * st[1] - pa[1] + kh * di[1];
                                            int iw = ow * st[2] - pa[2] + kw * di[2];
                                            if (id < 0 || id >= x[2] || ih < 0 || ih >= x[3] || iw < 0 || iw >= x[4]) continue;
                                            int xi = (((b * x[1] + g * cg + c) * x[2] + id) * x[3] + ih) * x[4] + iw;
                                            int wi = (((o * cg + c) * w[2] + kd) * w[3] + kh) * w[4] + kw;
                                            v.visit(yi, wi, xi);
                                        }
                        }
    }

    Result forward(float[] xv, float[] wv) {
        double[] out = new double[size(y)], mag = new double[out.length];
        each((yi, wi, xi) -> {
            out[yi] += (double) wv[wi] * xv[xi];
            mag[yi] += Math.abs((double) wv[wi] * xv[xi]);
        });
        return new Result(out, mag);
    }

    Result backwardData(float[] dy, float[] wv) {
        double[] out = new double[size(x)], mag = new double[out.length];
        each((yi, wi, xi) -> {
            out[xi] += (double) wv[wi] * dy[yi];
            mag[xi] += Math.abs((double) wv[wi] * dy[yi]);
        });
        return new Result(out, mag);
    }

    Result backwardWeight(float[] xv, float[] dy) {
        double[] out = new double[size(w)], mag = new double[out.length];
        each((yi, wi, xi) -> {
            out[wi] += (double) xv[xi] * dy[yi];
            mag[wi] += Math.abs((double) xv[xi] * dy[yi]);
        });
        return new Result(out, mag);
    }

    private static int size(int[] s) {
        int n = 1;
        for (int d : s) n *= d;
        return n;
    }
}
