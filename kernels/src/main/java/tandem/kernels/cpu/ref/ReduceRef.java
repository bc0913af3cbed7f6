package tandem.kernels.cpu.ref;

import java.util.Arrays;
import tandem.tensor.ReduceOp;

/** Reductions over a set of axes of a contiguous array; the reduced axes are kept as size 1 in the output layout. */
public final class ReduceRef {
    private ReduceRef() {}

    // x: contiguous, shape; axes: sorted distinct. Returns values laid out as shape with reduced axes set to 1.
    public static double[] reduce(ReduceOp op, double[] x, int[] shape, int[] axes) {
        boolean[] reduced = new boolean[shape.length];
        for (int a : axes) reduced[a] = true;
        int[] outShape = shape.clone();
        long count = 1;
        for (int a : axes) {
            count *= shape[a];
            outShape[a] = 1;
        }
        int outN = 1;
        for (int d : outShape) outN *= d;
        double[] out = new double[outN];
        double[] best = new double[outN];
        boolean arg = op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN;
        double init = switch (op) {
            case MAX, ARGMAX -> Double.NEGATIVE_INFINITY;
            case MIN, ARGMIN -> Double.POSITIVE_INFINITY;
            default -> 0.0;
        };
        Arrays.fill(arg ? best : out, init);
        int[] outStrides = new int[shape.length];
        for (int i = shape.length - 1, acc = 1; i >= 0; i--) {
            outStrides[i] = reduced[i] ? 0 : acc;
            acc *= outShape[i];
        }
        int argAxis = axes.length > 0 ? axes[0] : 0;
        int[] idx = new int[shape.length];
        for (int i = 0; i < x.length; i++) {
            int o = 0;
            for (int a = 0; a < shape.length; a++) o += idx[a] * outStrides[a];
            double v = x[i];
            switch (op) {
                case SUM, MEAN -> out[o] += v;
                case MAX -> out[o] = (v > out[o] || Double.isNaN(v)) ? v : out[o];
                case MIN -> out[o] = (v < out[o] || Double.isNaN(v)) ? v : out[o];
                case ARGMAX -> { if (v > best[o] || (Double.isNaN(v) && !Double.isNaN(best[o]))) { best[o] = v; out[o] = idx[argAxis]; } }
                case ARGMIN -> { if (v < best[o] || (Double.isNaN(v) && !Double.isNaN(best[o]))) { best[o] = v; out[o] = idx[argAxis]; } }
            }
            for (int a = shape.length - 1; a >= 0; a--) {
                if (++idx[a] < shape[a]) break;
                idx[a] = 0;
            }
        }
        if (op == ReduceOp.MEAN) for (int i = 0; i < outN; i++) out[i] /= count;
        return out;
    }
}
