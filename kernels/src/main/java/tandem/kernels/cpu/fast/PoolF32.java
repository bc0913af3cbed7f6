package tandem.kernels.cpu.fast;

import tandem.tensor.PoolSpec;
import tandem.tensor.Shape;

import java.util.Arrays;

/**
 * F32 N-d max and average pooling (1, 2 or 3 spatial dims, floor mode) and their gradients over dense arrays, with
 * the conventions of {@link tandem.kernels.cpu.ref.PoolRef} (its oracle): max pooling pads with -infinity, so only
 * real cells are visited, in row-major window order; the first maximum wins ties and the first NaN wins outright;
 * average pooling divides by the whole window when {@code countIncludePad}, else by the real cells.
 *
 * <p>Lower ranks are lifted to 3-D with leading size-1 dims. The clipped window [lo, hi) of every output position is
 * computed once per axis, so the inner loops run over real cells with no bounds test. A plane (one batch, channel
 * pair) is independent of the others in both directions, so planes run in parallel.
 */
public final class PoolF32 {
    private PoolF32() {}

    // x: (B, C, *S) dense -> y: (B, C, *S'); every element of y written
    public static float[] maxForward(float[] x, int[] xShape, PoolSpec spec, float[] y) {
        Windows g = Windows.of("max_pool", xShape, spec, x.length);
        g.requireOutputLength("max_pool", "output", y);
        Parallel.forEachIndex(g.planes, g.work(), plane -> {
            int xPlane = plane * g.inVolume(), cell = plane * g.outVolume();
            for (int od = 0; od < g.d.out; od++) {
                for (int oh = 0; oh < g.h.out; oh++) {
                    for (int ow = 0; ow < g.w.out; ow++) y[cell++] = x[g.firstMax(x, xPlane, od, oh, ow)];
                }
            }
        });
        return y;
    }

    // x: (B, C, *S) dense, dy: (B, C, *S') dense -> dx: (B, C, *S); every element of dx written
    public static float[] maxBackward(float[] x, int[] xShape, float[] dy, PoolSpec spec, float[] dx) {
        Windows g = Windows.of("max_pool_bwd", xShape, spec, x.length);
        g.requireOutputLength("max_pool_bwd", "gradient", dy);
        g.requireInputLength("max_pool_bwd", "input gradient", dx);
        Parallel.forEachIndex(g.planes, g.work(), plane -> {
            int xPlane = plane * g.inVolume(), cell = plane * g.outVolume();
            Arrays.fill(dx, xPlane, xPlane + g.inVolume(), 0f);
            for (int od = 0; od < g.d.out; od++) {
                for (int oh = 0; oh < g.h.out; oh++) {
                    for (int ow = 0; ow < g.w.out; ow++) dx[g.firstMax(x, xPlane, od, oh, ow)] += dy[cell++];
                }
            }
        });
        return dx;
    }

    // x: (B, C, *S) dense -> y: (B, C, *S'); every element of y written
    public static float[] avgForward(float[] x, int[] xShape, PoolSpec spec, float[] y) {
        Windows g = Windows.of("avg_pool", xShape, spec, x.length);
        g.requireOutputLength("avg_pool", "output", y);
        Parallel.forEachIndex(g.planes, g.work(), plane -> {
            int xPlane = plane * g.inVolume(), cell = plane * g.outVolume();
            for (int od = 0; od < g.d.out; od++) {
                int d0 = g.d.lo[od], d1 = g.d.hi[od];
                for (int oh = 0; oh < g.h.out; oh++) {
                    int h0 = g.h.lo[oh], h1 = g.h.hi[oh];
                    for (int ow = 0; ow < g.w.out; ow++) {
                        int w0 = g.w.lo[ow], w1 = g.w.hi[ow];
                        float sum = 0;
                        for (int id = d0; id < d1; id++) {
                            for (int ih = h0; ih < h1; ih++) {
                                int row = xPlane + (id * g.h.in + ih) * g.w.in;
                                for (int iw = row + w0, end = row + w1; iw < end; iw++) sum += x[iw];
                            }
                        }
                        y[cell++] = sum / g.divisor(d1 - d0, h1 - h0, w1 - w0);
                    }
                }
            }
        });
        return y;
    }

    // dy: (B, C, *S') dense -> dx: (B, C, *S); every element of dx written
    public static float[] avgBackward(float[] dy, PoolSpec spec, int[] xShape, float[] dx) {
        Windows g = Windows.of("avg_pool_bwd", xShape, spec, dx.length);
        g.requireOutputLength("avg_pool_bwd", "gradient", dy);
        Parallel.forEachIndex(g.planes, g.work(), plane -> {
            int xPlane = plane * g.inVolume(), cell = plane * g.outVolume();
            Arrays.fill(dx, xPlane, xPlane + g.inVolume(), 0f);
            for (int od = 0; od < g.d.out; od++) {
                int d0 = g.d.lo[od], d1 = g.d.hi[od];
                for (int oh = 0; oh < g.h.out; oh++) {
                    int h0 = g.h.lo[oh], h1 = g.h.hi[oh];
                    for (int ow = 0; ow < g.w.out; ow++) {
                        int w0 = g.w.lo[ow], w1 = g.w.hi[ow];
                        float share = dy[cell++] / g.divisor(d1 - d0, h1 - h0, w1 - w0);
                        for (int id = d0; id < d1; id++) {
                            for (int ih = h0; ih < h1; ih++) {
                                int row = xPlane + (id * g.h.in + ih) * g.w.in;
                                for (int iw = row + w0, end = row + w1; iw < end; iw++) dx[iw] += share;
                            }
                        }
                    }
                }
            }
        });
        return dx;
    }

    /** One spatial axis: input and output lengths and the clipped window [lo[o], hi[o]) of each output position. */
    private record Axis(int in, int out, int kernel, int[] lo, int[] hi) {
        static Axis of(int in, int out, int kernel, int stride, int pad) {
            int[] lo = new int[out], hi = new int[out];
            for (int o = 0; o < out; o++) {
                int start = o * stride - pad;
                lo[o] = Math.max(0, start);
                hi[o] = Math.min(in, start + kernel);
            }
            return new Axis(in, out, kernel, lo, hi);
        }
    }

    /** The pooling windows of one problem lifted to 3 spatial axes (d, h, w); a plane is one (batch, channel) pair. */
    private record Windows(int[] xShape, int[] yShape, int planes, boolean countIncludePad, Axis d, Axis h, Axis w) {
        static Windows of(String op, int[] xShape, PoolSpec spec, int inputLength) {
            int[] yShape = spec.outputShape(op, xShape);
            long numel = Shape.numel(xShape);
            if (numel != inputLength) {
                throw new IllegalArgumentException(op + ": input has " + inputLength + " values but shape "
                        + Shape.str(xShape) + " needs " + numel);
            }
            Axis[] axes = new Axis[3];
            int lead = 3 - spec.dims();
            for (int i = 0; i < 3; i++) {
                int a = i - lead;
                axes[i] = a < 0 ? Axis.of(1, 1, 1, 1, 0)
                        : Axis.of(xShape[2 + a], yShape[2 + a], spec.kernel()[a], spec.stride()[a], spec.padding()[a]);
            }
            return new Windows(xShape.clone(), yShape, xShape[0] * xShape[1], spec.countIncludePad(), axes[0], axes[1], axes[2]);
        }

        int inVolume() { return d.in * h.in * w.in; }

        int outVolume() { return d.out * h.out * w.out; }

        /** Window cells visited over the whole problem, to decide whether forking pays. */
        double work() { return (double) planes * outVolume() * d.kernel * h.kernel * w.kernel; }

        float divisor(int realD, int realH, int realW) {
            return countIncludePad ? d.kernel * h.kernel * w.kernel : realD * realH * realW;
        }

        /**
         * Flat index of the first maximum under the window of output (od, oh, ow) of the plane starting at xPlane.
         * Padding never wins: padding <= kernel/2 leaves every window at least one real cell. Once a NaN is found
         * nothing can displace it, so the search stops there.
         */
        int firstMax(float[] x, int xPlane, int od, int oh, int ow) {
            int d0 = d.lo[od], d1 = d.hi[od], h0 = h.lo[oh], h1 = h.hi[oh], w0 = w.lo[ow], w1 = w.hi[ow];
            int best = xPlane + (d0 * h.in + h0) * w.in + w0;
            float max = x[best];
            if (max != max) return best;
            for (int id = d0; id < d1; id++) {
                for (int ih = h0; ih < h1; ih++) {
                    int row = xPlane + (id * h.in + ih) * w.in;
                    for (int iw = row + w0, end = row + w1; iw < end; iw++) {
                        float v = x[iw];
                        if (v > max) {
                            max = v;
                            best = iw;
                        } else if (v != v) {
                            return iw;
                        }
                    }
                }
            }
            return best;
        }

        void requireOutputLength(String op, String what, float[] v) {
            if (v.length != planes * outVolume()) {
                throw new IllegalArgumentException(op + ": " + what + " has " + v.length + " values but input "
                        + Shape.str(xShape) + " pools to " + Shape.str(yShape));
            }
        }

        void requireInputLength(String op, String what, float[] v) {
            if (v.length != planes * inVolume()) {
                throw new IllegalArgumentException(op + ": " + what + " has " + v.length + " values but input is "
                        + Shape.str(xShape));
            }
        }
    }
}
