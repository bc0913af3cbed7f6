package tandem.tensor;

import java.util.Locale;

/** NumPy-like printing: nested brackets, aligned columns, and "..." past a few edge items on long axes. */
final class TensorFormat {
    private static final int EDGE = 3;
    private static final int SUMMARY_THRESHOLD = 1000;

    private TensorFormat() {}

    static String format(Tensor t) {
        if (t.storage().isClosed()) return "tensor(<closed>, shape=" + Shape.str(t.shape()) + ")";
        double[] v = t.toDoubleArray();
        int[] shape = t.shape();
        boolean summarise = v.length > SUMMARY_THRESHOLD;
        int width = 1;
        for (double d : v) width = Math.max(width, num(d).length());
        StringBuilder sb = new StringBuilder("tensor(");
        if (shape.length == 0) {
            sb.append(num(v[0]));
        } else {
            append(sb, v, shape, Shape.contiguousStrides(shape), 0, 0, width, summarise, "tensor(".length());
        }
        sb.append(", shape=").append(Shape.str(shape)).append(", dtype=").append(t.dtype());
        if (!t.device().equals(Device.CPU)) sb.append(", device=").append(t.device());
        return sb.append(')').toString();
    }

    private static void append(StringBuilder sb, double[] v, int[] shape, int[] strides, int axis, int base,
                               int width, boolean summarise, int indent) {
        sb.append('[');
        int n = shape[axis];
        boolean cut = summarise && n > 2 * EDGE;
        for (int i = 0; i < n; i++) {
            if (cut && i == EDGE) {
                sb.append(axis == shape.length - 1 ? "..., " : "...,\n" + " ".repeat(indent + axis + 1));
                i = n - EDGE;
            }
            if (axis == shape.length - 1) {
                String s = num(v[base + i * strides[axis]]);
                sb.append(" ".repeat(width - s.length())).append(s);
            } else {
                append(sb, v, shape, strides, axis + 1, base + i * strides[axis], width, summarise, indent);
            }
            if (i < n - 1) {
                sb.append(axis == shape.length - 1 ? ", " : ",\n" + "\n".repeat(Math.max(0, shape.length - axis - 2))
                        + " ".repeat(indent + axis + 1));
            }
        }
        sb.append(']');
    }

    // Locale.ROOT: a tensor prints the same everywhere (a German default locale would write 0,5)
    private static String num(double d) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == Math.rint(d) && Math.abs(d) < 1e8) return String.format(Locale.ROOT, "%.0f.", d);
        double a = Math.abs(d);
        if (a >= 1e-4 && a < 1e8) return String.format(Locale.ROOT, "%.4f", d);
        return String.format(Locale.ROOT, "%.4e", d);
    }
}
