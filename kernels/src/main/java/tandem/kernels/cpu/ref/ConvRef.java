package tandem.kernels.cpu.ref;

import tandem.tensor.ConvSpec;
import tandem.tensor.Shape;

import java.util.Arrays;

/**
 * The reference N-d convolution (1, 2 or 3 spatial dims; stride, padding, dilation, groups) and its two gradients.
 *
 * <p>One loop nest serves all three passes: it visits every (input cell, weight tap, output cell) triple that the
 * convolution multiplies together, and each pass accumulates a different one of the three from the other two.
 * Sharing the nest makes the gradients the exact adjoints of the forward pass by construction. 1-D and 2-D
 * problems are lifted to 3-D with leading spatial dims of size 1, so there is one implementation, not three.
 */
public final class ConvRef {
    private ConvRef() {}

    /** Which of the three arrays a pass accumulates into. */
    private enum Pass { FORWARD, BACKWARD_DATA, BACKWARD_WEIGHT }

    // x: (B, C, *S), w: (O, C/g, *K) -> y: (B, O, *S')
    public static double[] forward(double[] x, int[] xShape, double[] w, int[] wShape, ConvSpec spec) {
        Geometry g = Geometry.of("conv" + spec.dims() + "d", xShape, wShape, spec);
        requireLength("conv" + spec.dims() + "d", "input", x, xShape);
        requireLength("conv" + spec.dims() + "d", "weight", w, wShape);
        double[] y = new double[(int) Shape.numel(g.yShape)];
        visit(g, Pass.FORWARD, x, w, y);
        return y;
    }

    // dy: (B, O, *S'), w: (O, C/g, *K) -> dx: (B, C, *S)
    public static double[] backwardData(double[] dy, int[] dyShape, double[] w, int[] wShape, ConvSpec spec, int[] xShape) {
        String op = "conv" + spec.dims() + "d_bwd_data";
        Geometry g = Geometry.of(op, xShape, wShape, spec);
        requireOutputShape(op, dyShape, g);
        requireLength(op, "gradient", dy, dyShape);
        requireLength(op, "weight", w, wShape);
        double[] dx = new double[(int) Shape.numel(xShape)];
        visit(g, Pass.BACKWARD_DATA, dy, w, dx);
        return dx;
    }

    // x: (B, C, *S), dy: (B, O, *S') -> dw: (O, C/g, *K)
    public static double[] backwardWeight(double[] x, int[] xShape, double[] dy, int[] dyShape, ConvSpec spec, int[] wShape) {
        String op = "conv" + spec.dims() + "d_bwd_weight";
        Geometry g = Geometry.of(op, xShape, wShape, spec);
        requireOutputShape(op, dyShape, g);
        requireLength(op, "input", x, xShape);
        requireLength(op, "gradient", dy, dyShape);
        double[] dw = new double[(int) Shape.numel(wShape)];
        visit(g, Pass.BACKWARD_WEIGHT, x, dy, dw);
        return dw;
    }

    /**
     * Visits every multiply of the convolution. Array roles by pass: FORWARD (a = x, b = w, out = y);
     * BACKWARD_DATA (a = dy, b = w, out = dx); BACKWARD_WEIGHT (a = x, b = dy, out = dw).
     * Lifted to 3 spatial dims: x (B, C, D, H, W), w (O, C/g, KD, KH, KW), y (B, O, OD, OH, OW).
     * The innermost loop runs along an output row (ow) for one weight tap, over only the columns whose input
     * cell lies inside the image, so padding costs no test per multiply.
     */
    private static void visit(Geometry g, Pass pass, double[] a, double[] b, double[] out) {
        int[] in = g.in, k = g.k, o = g.out, s = g.stride, p = g.pad, d = g.dil;
        int inVol = in[0] * in[1] * in[2], kVol = k[0] * k[1] * k[2];
        for (int n = 0; n < g.batch; n++) {
            for (int oc = 0; oc < g.outChannels; oc++) {
                int group = oc / g.outPerGroup;
                for (int ci = 0; ci < g.inPerGroup; ci++) {
                    int xBase = (n * g.inChannels + group * g.inPerGroup + ci) * inVol;
                    for (int kd = 0; kd < k[0]; kd++) {
                        for (int kh = 0; kh < k[1]; kh++) {
                            for (int kw = 0; kw < k[2]; kw++) {
                                int wi = (oc * g.inPerGroup + ci) * kVol + (kd * k[1] + kh) * k[2] + kw;
                                int shift = kw * d[2] - p[2];                 // iw = ow * s[2] + shift
                                int owFrom = firstInside(shift, s[2]), owTo = endInside(shift, s[2], in[2], o[2]);
                                for (int od = 0; od < o[0]; od++) {
                                    int id = od * s[0] - p[0] + kd * d[0];
                                    if (id < 0 || id >= in[0]) continue;
                                    for (int oh = 0; oh < o[1]; oh++) {
                                        int ih = oh * s[1] - p[1] + kh * d[1];
                                        if (ih < 0 || ih >= in[1]) continue;
                                        int yRow = ((n * g.outChannels + oc) * o[0] + od) * o[1] * o[2] + oh * o[2];
                                        int xRow = xBase + (id * in[1] + ih) * in[2] + shift;   // + ow * s[2]
                                        row(pass, a, b, out, yRow, xRow, s[2], wi, owFrom, owTo);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** One weight tap along one output row: output column ow meets input index xRow + ow * stride. */
    private static void row(Pass pass, double[] a, double[] b, double[] out, int yRow, int xRow, int stride, int wi,
                            int owFrom, int owTo) {
        switch (pass) {
            case FORWARD -> {
                double w = b[wi];
                for (int ow = owFrom; ow < owTo; ow++) out[yRow + ow] += a[xRow + ow * stride] * w;
            }
            case BACKWARD_DATA -> {
                double w = b[wi];
                for (int ow = owFrom; ow < owTo; ow++) out[xRow + ow * stride] += a[yRow + ow] * w;
            }
            case BACKWARD_WEIGHT -> {
                double sum = 0;
                for (int ow = owFrom; ow < owTo; ow++) sum += a[xRow + ow * stride] * b[yRow + ow];
                out[wi] += sum;
            }
        }
    }

    /** The first output column whose input column ow * stride + shift is >= 0. */
    private static int firstInside(int shift, int stride) {
        return shift >= 0 ? 0 : (-shift + stride - 1) / stride;
    }

    /** One past the last output column (below outWidth) whose input column ow * stride + shift is < inWidth. */
    private static int endInside(int shift, int stride, int inWidth, int outWidth) {
        int last = inWidth - 1 - shift;
        return last < 0 ? 0 : Math.min(outWidth, last / stride + 1);
    }

    private static void requireOutputShape(String op, int[] dyShape, Geometry g) {
        if (!Arrays.equals(dyShape, g.yShape)) {
            throw new IllegalArgumentException(op + ": gradient has shape " + Shape.str(dyShape) + " but input "
                    + Shape.str(g.xShape) + " and weight " + Shape.str(g.wShape) + " give output " + Shape.str(g.yShape));
        }
    }

    /** Shared by the references of this package: the flat data must hold exactly the elements of its shape. */
    static void requireLength(String op, String what, double[] data, int[] shape) {
        if (data.length != Shape.numel(shape)) {
            throw new IllegalArgumentException(op + ": " + what + " has " + data.length + " values but shape "
                    + Shape.str(shape) + " holds " + Shape.numel(shape));
        }
    }

    /** The problem's sizes, with 1-D and 2-D lifted to 3-D (leading spatial dims of size 1, stride 1, no padding). */
    private static final class Geometry {
        final int[] xShape, wShape, yShape;
        final int batch, inChannels, outChannels, inPerGroup, outPerGroup;
        final int[] in = new int[3], k = new int[3], out = new int[3];
        final int[] stride = new int[3], pad = new int[3], dil = new int[3];

        private Geometry(int[] xShape, int[] wShape, int[] yShape, ConvSpec spec) {
            this.xShape = xShape.clone();
            this.wShape = wShape.clone();
            this.yShape = yShape;
            batch = xShape[0];
            inChannels = xShape[1];
            outChannels = wShape[0];
            inPerGroup = wShape[1];
            outPerGroup = outChannels / spec.groups();
            int lead = 3 - spec.dims();
            for (int i = 0; i < 3; i++) {
                boolean lifted = i < lead;
                in[i] = lifted ? 1 : xShape[2 + i - lead];
                k[i] = lifted ? 1 : wShape[2 + i - lead];
                out[i] = lifted ? 1 : yShape[2 + i - lead];
                stride[i] = lifted ? 1 : spec.stride()[i - lead];
                pad[i] = lifted ? 0 : spec.padding()[i - lead];
                dil[i] = lifted ? 1 : spec.dilation()[i - lead];
            }
        }

        /** Checks the shapes against the spec (naming {@code op} on error) and derives the output shape. */
        static Geometry of(String op, int[] xShape, int[] wShape, ConvSpec spec) {
            return new Geometry(xShape, wShape, spec.outputShape(op, xShape, wShape), spec);
        }
    }
}
