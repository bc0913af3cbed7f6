package tandem.kernels.cpu.ref;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tandem.tensor.ConvSpec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tandem.kernels.cpu.Checks.absDot;
import static tandem.kernels.cpu.Checks.assertClose;
import static tandem.kernels.cpu.Checks.dot;
import static tandem.kernels.cpu.Checks.numel;
import static tandem.kernels.cpu.Checks.random;

class ConvRefTest {
    private static final double[] SIGNAL = {1, 2, 3, 4, 5};
    private static final double[] DIFFERENCE = {1, 0, -1};

    @Test
    void oneDimensionalByHand() {
        int[] x = {1, 1, 5}, w = {1, 1, 3};
        // y[i] = x[i] - x[i + 2]
        assertArrayEquals(new double[] {-2, -2, -2}, ConvRef.forward(SIGNAL, x, DIFFERENCE, w, ConvSpec.of(1, 1, 0, 1, 1)), 0);
        // zero-padded to [0 1 2 3 4 5 0], windows start at 0, 2, 4
        assertArrayEquals(new double[] {-2, -2, 4}, ConvRef.forward(SIGNAL, x, DIFFERENCE, w, ConvSpec.of(1, 2, 1, 1, 1)), 0);
        // dilation 2 spans the whole signal: x[0] - x[4]
        assertArrayEquals(new double[] {-4}, ConvRef.forward(SIGNAL, x, DIFFERENCE, w, ConvSpec.of(1, 1, 0, 2, 1)), 0);
    }

    @Test
    void twoDimensionalTwoChannelsByHand() {
        // channel 0: 1..9 in a 3x3 grid; channel 1: all ones
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        // out 0 sees channel 0 through [[1, 2], [3, 4]] and channel 1 through ones; out 1 is channel 1 only, times 2
        double[] w = {1, 2, 3, 4, 1, 1, 1, 1, 0, 0, 0, 0, 2, 2, 2, 2};
        double[] y = ConvRef.forward(x, new int[] {1, 2, 3, 3}, w, new int[] {2, 2, 2, 2}, ConvSpec.of(2, 1, 0, 1, 1));
        assertArrayEquals(new double[] {37 + 4, 47 + 4, 67 + 4, 77 + 4, 8, 8, 8, 8}, y, 0);
    }

    @Test
    void groupedEqualsPerGroupConvolutionsConcatenated() {
        int groups = 3, b = 2, cPerG = 2, oPerG = 2;
        int[] xs = {b, groups * cPerG, 5, 6}, ws = {groups * oPerG, cPerG, 3, 2};
        ConvSpec grouped = new ConvSpec(new int[] {1, 2}, new int[] {1, 0}, new int[] {1, 1}, groups);
        ConvSpec single = new ConvSpec(new int[] {1, 2}, new int[] {1, 0}, new int[] {1, 1}, 1);
        double[] x = random(1, numel(xs)), w = random(2, numel(ws));
        double[] y = ConvRef.forward(x, xs, w, ws, grouped);
        int[] ys = grouped.outputShape("test", xs, ws);
        int plane = ys[2] * ys[3], xPlane = xs[2] * xs[3], wPer = numel(ws) / ws[0];
        for (int g = 0; g < groups; g++) {
            int[] xgShape = {b, cPerG, xs[2], xs[3]}, wgShape = {oPerG, cPerG, 3, 2};
            double[] xg = new double[numel(xgShape)];
            for (int n = 0; n < b; n++) {
                System.arraycopy(x, (n * xs[1] + g * cPerG) * xPlane, xg, n * cPerG * xPlane, cPerG * xPlane);
            }
            double[] wg = new double[numel(wgShape)];
            System.arraycopy(w, g * oPerG * wPer, wg, 0, wg.length);
            double[] yg = ConvRef.forward(xg, xgShape, wg, wgShape, single);
            for (int n = 0; n < b; n++) {
                for (int o = 0; o < oPerG; o++) {
                    for (int i = 0; i < plane; i++) {
                        double expected = yg[(n * oPerG + o) * plane + i];
                        double actual = y[(n * ys[1] + g * oPerG + o) * plane + i];
                        assertClose(expected, actual, 1e-12, 1e-12, "group " + g + " batch " + n + " out " + o);
                    }
                }
            }
        }
    }

    @Test
    void lowerDimensionsAgreeWithHigherOnesOfSizeOne() {
        // a 1-D conv is a 2-D conv over a height of 1 with a kernel height of 1, and likewise 2-D inside 3-D
        double[] x = random(3, 2 * 4 * 9), w = random(4, 6 * 2 * 3);
        double[] y1 = ConvRef.forward(x, new int[] {2, 4, 9}, w, new int[] {6, 2, 3}, ConvSpec.of(1, 2, 1, 2, 2));
        double[] y2 = ConvRef.forward(x, new int[] {2, 4, 1, 9}, w, new int[] {6, 2, 1, 3},
                new ConvSpec(new int[] {1, 2}, new int[] {0, 1}, new int[] {1, 2}, 2));
        double[] y3 = ConvRef.forward(x, new int[] {2, 4, 1, 1, 9}, w, new int[] {6, 2, 1, 1, 3},
                new ConvSpec(new int[] {3, 1, 2}, new int[] {0, 0, 1}, new int[] {2, 1, 2}, 2));
        assertArrayEquals(y1, y2, 0);
        assertArrayEquals(y1, y3, 0);
    }

    /** <conv(x, w), dy> == <x, bwdData(dy, w)> == <w, bwdWeight(x, dy)> on random geometries. */
    @Test
    void gradientsAreAdjointsOfForwardInOneTwoAndThreeDimensions() {
        SplittableRandom r = new SplittableRandom(42);
        for (int trial = 0; trial < 36; trial++) {
            int dims = 1 + trial % 3;
            int groups = 1 + r.nextInt(3), cPerG = 1 + r.nextInt(3), oPerG = 1 + r.nextInt(2), batch = 1 + r.nextInt(2);
            int[] stride = new int[dims], pad = new int[dims], dil = new int[dims];
            int[] xs = new int[dims + 2], ws = new int[dims + 2];
            xs[0] = batch;
            xs[1] = groups * cPerG;
            ws[0] = groups * oPerG;
            ws[1] = cPerG;
            for (int d = 0; d < dims; d++) {
                stride[d] = 1 + r.nextInt(3);
                dil[d] = 1 + r.nextInt(2);
                ws[d + 2] = 1 + r.nextInt(3);
                pad[d] = r.nextInt(ws[d + 2]);
                int extent = dil[d] * (ws[d + 2] - 1) + 1;
                xs[d + 2] = Math.max(1, extent - 2 * pad[d]) + r.nextInt(dims == 3 ? 3 : 6);
            }
            ConvSpec spec = new ConvSpec(stride, pad, dil, groups);
            int[] ys = spec.outputShape("test", xs, ws);
            double[] x = random(10 + trial, numel(xs)), w = random(100 + trial, numel(ws)), dy = random(1000 + trial, numel(ys));
            double[] y = ConvRef.forward(x, xs, w, ws, spec);
            double[] dx = ConvRef.backwardData(dy, ys, w, ws, spec, xs);
            double[] dw = ConvRef.backwardWeight(x, xs, dy, ys, spec, ws);
            double scale = absDot(y, dy) + absDot(x, dx) + 1;
            String where = "trial " + trial + " x" + Arrays.toString(xs) + " w" + Arrays.toString(ws) + " " + spec;
            assertClose(dot(y, dy), dot(x, dx), 1e-12 * scale, 0, "<conv(x,w),dy> vs <x,bwdData> " + where);
            assertClose(dot(y, dy), dot(w, dw), 1e-12 * scale, 0, "<conv(x,w),dy> vs <w,bwdWeight> " + where);
        }
    }

    /** Both gradients against central differences of L(x, w) = <conv(x, w), dy>, in double precision. */
    @Test
    void gradientsMatchFiniteDifferencesOfForward() {
        int[] xs = {2, 4, 3, 4, 5}, ws = {4, 2, 2, 3, 2};
        ConvSpec spec = new ConvSpec(new int[] {1, 2, 1}, new int[] {1, 1, 0}, new int[] {1, 1, 2}, 2);
        int[] ys = spec.outputShape("test", xs, ws);
        double[] x = random(5, numel(xs)), w = random(6, numel(ws)), dy = random(7, numel(ys));
        double[] dx = ConvRef.backwardData(dy, ys, w, ws, spec, xs);
        double[] dw = ConvRef.backwardWeight(x, xs, dy, ys, spec, ws);
        double[] numX = tandem.kernels.cpu.Checks.numericGradient(v -> dot(ConvRef.forward(v, xs, w, ws, spec), dy), x, 1e-5);
        double[] numW = tandem.kernels.cpu.Checks.numericGradient(v -> dot(ConvRef.forward(x, xs, v, ws, spec), dy), w, 1e-5);
        assertClose(numX, dx, 1e-8, 1e-6, "d<conv,dy>/dx");
        assertClose(numW, dw, 1e-8, 1e-6, "d<conv,dy>/dw");
    }

    @Test
    void badShapesNameTheOpAndTheShapes() {
        ConvSpec spec = ConvSpec.of(2, 1, 0, 1, 2);
        IllegalArgumentException groups = assertThrows(IllegalArgumentException.class,
                () -> ConvRef.forward(new double[75], new int[] {1, 3, 5, 5}, new double[36], new int[] {4, 1, 3, 3}, spec));
        assertTrue(groups.getMessage().contains("conv2d") && groups.getMessage().contains("[1, 3, 5, 5]")
                && groups.getMessage().contains("[4, 1, 3, 3]") && groups.getMessage().contains("groups=2"), groups.getMessage());
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                () -> ConvRef.forward(new double[4], new int[] {1, 1, 2, 2}, new double[9], new int[] {1, 1, 3, 3}, ConvSpec.of(2, 1, 0, 1, 1)));
        assertTrue(tooBig.getMessage().contains("conv2d") && tooBig.getMessage().contains("[1, 1, 2, 2]"), tooBig.getMessage());
        IllegalArgumentException data = assertThrows(IllegalArgumentException.class,
                () -> ConvRef.forward(new double[3], new int[] {1, 1, 4}, new double[2], new int[] {1, 1, 2}, ConvSpec.of(1, 1, 0, 1, 1)));
        assertTrue(data.getMessage().contains("conv1d") && data.getMessage().contains("input has 3 values"), data.getMessage());
        IllegalArgumentException grad = assertThrows(IllegalArgumentException.class,
                () -> ConvRef.backwardData(new double[4], new int[] {1, 1, 4}, new double[2], new int[] {1, 1, 2},
                        ConvSpec.of(1, 1, 0, 1, 1), new int[] {1, 1, 4}));
        assertTrue(grad.getMessage().contains("conv1d_bwd_data") && grad.getMessage().contains("[1, 1, 4]")
                && grad.getMessage().contains("[1, 1, 3]"), grad.getMessage());
    }
}
