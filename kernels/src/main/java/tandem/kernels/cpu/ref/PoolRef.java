package tandem.kernels.cpu.ref;

import tandem.tensor.PoolSpec;
import tandem.tensor.Shape;

import java.util.Arrays;

/**
 * The reference N-d max and average pooling (1, 2 or 3 spatial dims, floor mode) with their gradients.
 * Max pooling pads with -infinity (padded cells never win) and its gradient goes to the FIRST maximum of each
 * window in row-major window order. Average pooling divides by the whole window when {@code countIncludePad},
 * otherwise by the number of real (unpadded) cells. 1-D and 2-D are lifted to 3-D with leading size-1 dims.
 */
public final class PoolRef {
    private PoolRef() {}

    // x: (B, C, *S) -> y: (B, C, *S')
    public static double[] maxForward(double[] x, int[] xShape, PoolSpec spec) {
        Windows g = Windows.of("max_pool", xShape, spec);
        ConvRef.requireLength("max_pool", "input", x, xShape);
        double[] y = new double[g.planes * g.outVolume()];
        for (int plane = 0; plane < g.planes; plane++) {
            for (int cell = 0; cell < g.outVolume(); cell++) {
                y[plane * g.outVolume() + cell] = x[g.firstMax(x, plane, cell)];
            }
        }
        return y;
    }

    // x: (B, C, *S), dy: (B, C, *S') -> dx: (B, C, *S)
    public static double[] maxBackward(double[] x, int[] xShape, double[] dy, PoolSpec spec) {
        Windows g = Windows.of("max_pool_bwd", xShape, spec);
        ConvRef.requireLength("max_pool_bwd", "input", x, xShape);
        g.requireGradientLength("max_pool_bwd", dy);
        double[] dx = new double[x.length];
        for (int plane = 0; plane < g.planes; plane++) {
            for (int cell = 0; cell < g.outVolume(); cell++) {
                dx[g.firstMax(x, plane, cell)] += dy[plane * g.outVolume() + cell];
            }
        }
        return dx;
    }

    // x: (B, C, *S) -> y: (B, C, *S')
    public static double[] avgForward(double[] x, int[] xShape, PoolSpec spec) {
        Windows g = Windows.of("avg_pool", xShape, spec);
        ConvRef.requireLength("avg_pool", "input", x, xShape);
        double[] y = new double[g.planes * g.outVolume()];
        for (int plane = 0; plane < g.planes; plane++) {
            for (int cell = 0; cell < g.outVolume(); cell++) {
                int[] taps = g.realCells(plane, cell);
                double sum = 0;
                for (int xi : taps) sum += x[xi];
                y[plane * g.outVolume() + cell] = sum / g.divisor(taps.length);
            }
        }
        return y;
    }

    // dy: (B, C, *S') -> dx: (B, C, *S)
    public static double[] avgBackward(double[] dy, PoolSpec spec, int[] xShape) {
        Windows g = Windows.of("avg_pool_bwd", xShape, spec);
        g.requireGradientLength("avg_pool_bwd", dy);
        double[] dx = new double[(int) Shape.numel(xShape)];
        for (int plane = 0; plane < g.planes; plane++) {
            for (int cell = 0; cell < g.outVolume(); cell++) {
                int[] taps = g.realCells(plane, cell);
                double share = dy[plane * g.outVolume() + cell] / g.divisor(taps.length);
                for (int xi : taps) dx[xi] += share;
            }
        }
        return dx;
    }

    /** The pooling windows of one problem, lifted to 3 spatial dims; a plane is one (batch, channel) pair. */
    private static final class Windows {
        final int[] xShape, yShape;
        final int planes;
        final boolean countIncludePad;
        final int[] in = new int[3], out = new int[3], kernel = new int[3], stride = new int[3], pad = new int[3];

        private Windows(int[] xShape, int[] yShape, PoolSpec spec) {
            this.xShape = xShape.clone();
            this.yShape = yShape;
            planes = xShape[0] * xShape[1];
            countIncludePad = spec.countIncludePad();
            int lead = 3 - spec.dims();
            for (int i = 0; i < 3; i++) {
                boolean lifted = i < lead;
                in[i] = lifted ? 1 : xShape[2 + i - lead];
                out[i] = lifted ? 1 : yShape[2 + i - lead];
                kernel[i] = lifted ? 1 : spec.kernel()[i - lead];
                stride[i] = lifted ? 1 : spec.stride()[i - lead];
                pad[i] = lifted ? 0 : spec.padding()[i - lead];
            }
        }

        static Windows of(String op, int[] xShape, PoolSpec spec) {
            return new Windows(xShape, spec.outputShape(op, xShape), spec);
        }

        int inVolume() { return in[0] * in[1] * in[2]; }

        int outVolume() { return out[0] * out[1] * out[2]; }

        /** Flat input indices of the real cells under the window of output {@code cell}, row-major. */
        int[] realCells(int plane, int cell) {
            int od = cell / (out[1] * out[2]), oh = cell / out[2] % out[1], ow = cell % out[2];
            int[] taps = new int[kernel[0] * kernel[1] * kernel[2]];
            int n = 0;
            for (int kd = 0; kd < kernel[0]; kd++) {
                int id = od * stride[0] - pad[0] + kd;
                if (id < 0 || id >= in[0]) continue;
                for (int kh = 0; kh < kernel[1]; kh++) {
                    int ih = oh * stride[1] - pad[1] + kh;
                    if (ih < 0 || ih >= in[1]) continue;
                    for (int kw = 0; kw < kernel[2]; kw++) {
                        int iw = ow * stride[2] - pad[2] + kw;
                        if (iw < 0 || iw >= in[2]) continue;
                        taps[n++] = plane * inVolume() + (id * in[1] + ih) * in[2] + iw;
                    }
                }
            }
            return Arrays.copyOf(taps, n);
        }

        /**
         * Index of the first maximum under the window (NaN wins, as it propagates in PyTorch). Padding never wins:
         * padding <= kernel/2 guarantees every window holds at least one real cell.
         */
        int firstMax(double[] x, int plane, int cell) {
            int[] taps = realCells(plane, cell);
            int best = taps[0];
            for (int xi : taps) {
                if (x[xi] > x[best] || (Double.isNaN(x[xi]) && !Double.isNaN(x[best]))) best = xi;
            }
            return best;
        }

        /**
         * Floor mode keeps every window inside the padded input, so counting the padding means the whole window.
         */
        int divisor(int realCells) {
            return countIncludePad ? kernel[0] * kernel[1] * kernel[2] : realCells;
        }

        void requireGradientLength(String op, double[] dy) {
            if (dy.length != planes * outVolume()) {
                throw new IllegalArgumentException(op + ": gradient has " + dy.length + " values but input "
                        + Shape.str(xShape) + " pools to " + Shape.str(yShape));
            }
        }
    }
}
