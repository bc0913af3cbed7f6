package tandem.kernels.cpu.fast;

import tandem.kernels.cpu.ref.ElementwiseRef;
import tandem.tensor.BinaryOp;
import tandem.tensor.UnaryOp;

/**
 * F32 elementwise kernels over strided and broadcast views, without index arrays: an outer walk over the rows of the
 * output (every axis but the last) and a tight inner loop along the last axis. The common operators get their own
 * inner loops so the JIT can vectorise them; the rest go through the reference's scalar definition
 * ({@link ElementwiseRef}), so both paths share one meaning of every op.
 * v1 (the reference gather: an int[] of offsets and a double[] copy per operand, then a switch per element) spent
 * most of a tiny-model training step in elementwise ops; this path is several times faster on the same shapes.
 */
public final class StridedF32 {
    private StridedF32() {}

    /** A strided operand: its array, strides already broadcast to the output shape, and offset. */
    public record View(float[] data, int[] strides, int offset) {
        boolean innerContiguous(int rank) { return rank == 0 || strides[rank - 1] == 1; }
    }

    /** Visits the output row by row: {@code row(outOffset, offsetOfEachView, n)} with n the length of the last axis. */
    private interface Row {
        void at(int out, int a, int b, int n);
    }

    // out: dense (shape); a, b: views; calls row for each run of the last axis.
    private static void rows(int[] shape, View a, View b, Row row) {
        int rank = shape.length;
        long total = 1;
        for (int d : shape) total *= d;
        if (total == 0) return;
        int n = rank == 0 ? 1 : shape[rank - 1];
        int rowsCount = (int) (total / n);
        int[] idx = new int[Math.max(0, rank - 1)];
        int ao = a.offset, bo = b == null ? 0 : b.offset;
        for (int r = 0, out = 0; r < rowsCount; r++, out += n) {
            row.at(out, ao, bo, n);
            for (int d = rank - 2; d >= 0; d--) {
                if (++idx[d] < shape[d]) {
                    ao += a.strides[d];
                    if (b != null) bo += b.strides[d];
                    break;
                }
                idx[d] = 0;
                ao -= a.strides[d] * (shape[d] - 1);
                if (b != null) bo -= b.strides[d] * (shape[d] - 1);
            }
        }
    }

    private static int inner(View v, int rank) { return rank == 0 ? 0 : v.strides[rank - 1]; }

    /** A dense row-major copy of the view. */
    public static float[] copy(View x, int[] shape, float[] out) {
        int s = inner(x, shape.length);
        float[] src = x.data;
        rows(shape, x, null, (o, a, b, n) -> {
            if (s == 1) System.arraycopy(src, a, out, o, n);
            else for (int i = 0; i < n; i++) out[o + i] = src[a + i * s];
        });
        return out;
    }

    /** Writes src (a view broadcast to shape) into the strided view dst, or fills dst with {@code value} when src is null. */
    public static void assign(View dst, View src, float value, int[] shape) {
        int sd = inner(dst, shape.length), ss = src == null ? 0 : inner(src, shape.length);
        float[] d = dst.data, x = src == null ? null : src.data;
        // walk dst's rows with src alongside; rows() hands offsets of its two views
        rows(shape, dst, src, (o, i, j, n) -> {
            if (x == null) for (int k = 0; k < n; k++) d[i + k * sd] = value;
            else for (int k = 0; k < n; k++) d[i + k * sd] = x[j + k * ss];
        });
    }

    public static float[] unary(UnaryOp op, float p, View x, int[] shape, float[] out) {
        copy(x, shape, out);
        int len = out.length;
        switch (op) {
            case NEG -> { for (int i = 0; i < len; i++) out[i] = -out[i]; }
            case RELU -> { for (int i = 0; i < len; i++) out[i] = out[i] > 0 ? out[i] : 0f; }
            case SQUARE -> { for (int i = 0; i < len; i++) out[i] = out[i] * out[i]; }
            case ADD_SCALAR -> { for (int i = 0; i < len; i++) out[i] = out[i] + p; }
            case MUL_SCALAR -> { for (int i = 0; i < len; i++) out[i] = out[i] * p; }
            case SQRT -> { for (int i = 0; i < len; i++) out[i] = (float) Math.sqrt(out[i]); }
            case EXP -> { for (int i = 0; i < len; i++) out[i] = (float) Math.exp(out[i]); }
            default -> { for (int i = 0; i < len; i++) out[i] = (float) ElementwiseRef.unary(op, out[i], p); }
        }
        return out;
    }

    // out[i] = a[i] op b[i] over the broadcast shape
    public static float[] binary(BinaryOp op, View a, View b, int[] shape, float[] out) {
        int sa = inner(a, shape.length), sb = inner(b, shape.length);
        float[] x = a.data, y = b.data;
        Row row = switch (op) {
            case ADD -> (o, i, j, n) -> { for (int k = 0; k < n; k++) out[o + k] = x[i + k * sa] + y[j + k * sb]; };
            case SUB -> (o, i, j, n) -> { for (int k = 0; k < n; k++) out[o + k] = x[i + k * sa] - y[j + k * sb]; };
            case MUL -> (o, i, j, n) -> { for (int k = 0; k < n; k++) out[o + k] = x[i + k * sa] * y[j + k * sb]; };
            case DIV -> (o, i, j, n) -> { for (int k = 0; k < n; k++) out[o + k] = x[i + k * sa] / y[j + k * sb]; };
            default -> (o, i, j, n) -> {
                for (int k = 0; k < n; k++) out[o + k] = (float) ElementwiseRef.binary(op, x[i + k * sa], y[j + k * sb]);
            };
        };
        if (sa == 1 && sb == 1 && (op == BinaryOp.ADD || op == BinaryOp.MUL)) {
            // the common dense case, written so the inner loop is a plain indexed loop the JIT vectorises
            rows(shape, a, b, op == BinaryOp.ADD
                    ? (o, i, j, n) -> { for (int k = 0; k < n; k++) out[o + k] = x[i + k] + y[j + k]; }
                    : (o, i, j, n) -> { for (int k = 0; k < n; k++) out[o + k] = x[i + k] * y[j + k]; });
        } else {
            rows(shape, a, b, row);
        }
        return out;
    }

    /** Sum (or mean) of each run of {@code inner} consecutive elements of a dense array, accumulated in double. */
    public static float[] sumRuns(float[] x, int runs, int inner, boolean mean, float[] out) {
        for (int r = 0; r < runs; r++) {
            double s = 0;
            int base = r * inner;
            for (int i = 0; i < inner; i++) s += x[base + i];
            out[r] = (float) (mean ? s / inner : s);
        }
        return out;
    }

    /** Maximum of each run (NaN wins, as the reference). */
    public static float[] maxRuns(float[] x, int runs, int inner, float[] out) {
        for (int r = 0; r < runs; r++) {
            float m = Float.NEGATIVE_INFINITY;
            int base = r * inner;
            for (int i = 0; i < inner; i++) {
                float v = x[base + i];
                if (v > m || Float.isNaN(v)) m = v;
                if (Float.isNaN(m)) break;
            }
            out[r] = m;
        }
        return out;
    }
}
