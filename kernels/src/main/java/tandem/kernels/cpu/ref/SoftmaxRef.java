package tandem.kernels.cpu.ref;

import tandem.tensor.Shape;

/**
 * The reference softmax and log-softmax along one axis, and their gradients. The row maximum is subtracted
 * before exponentiating, so inputs like 1000 do not overflow.
 */
public final class SoftmaxRef {
    private SoftmaxRef() {}

    // x: shape, contiguous -> y: shape; each row along axis sums to 1 (softmax) or log-sum-exps to 0 (log)
    public static double[] forward(double[] x, int[] shape, int axis, boolean log) {
        Rows r = Rows.of(log ? "log_softmax" : "softmax", shape, axis);
        ConvRef.requireLength(r.op, "input", x, shape);
        double[] y = new double[x.length];
        for (int row = 0; row < r.count(); row++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < r.length; j++) max = Math.max(max, x[r.index(row, j)]);
            double sum = 0;
            for (int j = 0; j < r.length; j++) sum += Math.exp(x[r.index(row, j)] - max);
            double logSum = Math.log(sum);
            for (int j = 0; j < r.length; j++) {
                int i = r.index(row, j);
                y[i] = log ? x[i] - max - logSum : Math.exp(x[i] - max) / sum;
            }
        }
        return y;
    }

    /**
     * Given the forward output y and dy: softmax dx = y * (dy - sum(dy * y)); log-softmax
     * dx = dy - exp(y) * sum(dy), sums along the axis.
     */
    // y, dy: shape, contiguous -> dx: shape
    public static double[] backward(double[] y, double[] dy, int[] shape, int axis, boolean log) {
        Rows r = Rows.of(log ? "log_softmax_bwd" : "softmax_bwd", shape, axis);
        ConvRef.requireLength(r.op, "output", y, shape);
        ConvRef.requireLength(r.op, "gradient", dy, shape);
        double[] dx = new double[y.length];
        for (int row = 0; row < r.count(); row++) {
            double dot = 0;
            for (int j = 0; j < r.length; j++) {
                int i = r.index(row, j);
                dot += log ? dy[i] : dy[i] * y[i];
            }
            for (int j = 0; j < r.length; j++) {
                int i = r.index(row, j);
                dx[i] = log ? dy[i] - Math.exp(y[i]) * dot : y[i] * (dy[i] - dot);
            }
        }
        return dx;
    }

    /** A contiguous array seen as (outer, length, inner): rows run along the axis with stride inner. */
    private static final class Rows {
        final String op;
        final int outer, length, inner;

        private Rows(String op, int outer, int length, int inner) {
            this.op = op;
            this.outer = outer;
            this.length = length;
            this.inner = inner;
        }

        static Rows of(String op, int[] shape, int axis) {
            if (axis < 0 || axis >= shape.length) {
                throw new IllegalArgumentException(op + ": axis " + axis + " out of range for shape " + Shape.str(shape));
            }
            int outer = 1, inner = 1;
            for (int i = 0; i < axis; i++) outer *= shape[i];
            for (int i = axis + 1; i < shape.length; i++) inner *= shape[i];
            return new Rows(op, outer, shape[axis], inner);
        }

        int count() { return outer * inner; }

        /** Flat index of element j of row number {@code row}. */
        int index(int row, int j) {
            return (row / inner * length + j) * inner + row % inner;
        }
    }
}
