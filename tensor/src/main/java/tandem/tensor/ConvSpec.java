package tandem.tensor;

import java.util.Arrays;

/**
 * Geometry of an N-d convolution (N = 1, 2 or 3): per spatial dim stride, padding, dilation; and groups.
 * Input x: (B, C, *S); weight w: (O, C / groups, *K); output y: (B, O, *S').
 */
public record ConvSpec(int[] stride, int[] padding, int[] dilation, int groups) {
    public ConvSpec {
        if (stride.length != padding.length || stride.length != dilation.length || stride.length < 1 || stride.length > 3) {
            throw new IllegalArgumentException("ConvSpec: stride, padding, dilation must have the same length 1..3, got "
                    + Arrays.toString(stride) + ", " + Arrays.toString(padding) + ", " + Arrays.toString(dilation));
        }
        for (int i = 0; i < stride.length; i++) {
            if (stride[i] < 1 || dilation[i] < 1 || padding[i] < 0) {
                throw new IllegalArgumentException("ConvSpec: stride and dilation must be >= 1 and padding >= 0, got stride "
                        + Arrays.toString(stride) + " padding " + Arrays.toString(padding) + " dilation " + Arrays.toString(dilation));
            }
        }
        if (groups < 1) throw new IllegalArgumentException("ConvSpec: groups must be >= 1, got " + groups);
        stride = stride.clone();
        padding = padding.clone();
        dilation = dilation.clone();
    }

    /** Same stride, padding and dilation on every one of {@code dims} spatial dimensions. */
    public static ConvSpec of(int dims, int stride, int padding, int dilation, int groups) {
        int[] s = new int[dims], p = new int[dims], d = new int[dims];
        Arrays.fill(s, stride);
        Arrays.fill(p, padding);
        Arrays.fill(d, dilation);
        return new ConvSpec(s, p, d, groups);
    }

    public int dims() { return stride.length; }

    /** Output shape for input (B, C, *S) and weight (O, C/g, *K); checks everything and names the shapes on error. */
    public int[] outputShape(String op, int[] x, int[] w) {
        int n = dims();
        if (x.length != n + 2 || w.length != n + 2) {
            throw new IllegalArgumentException(op + ": expected input (B, C, " + n + " spatial dims) and weight (O, C/groups, "
                    + n + " kernel dims), got input " + Shape.str(x) + " and weight " + Shape.str(w));
        }
        if (x[1] % groups != 0 || w[0] % groups != 0 || w[1] * groups != x[1]) {
            throw new IllegalArgumentException(op + ": input " + Shape.str(x) + " and weight " + Shape.str(w)
                    + " do not fit groups=" + groups + " (need C = weight[1] * groups and O divisible by groups)");
        }
        int[] y = new int[n + 2];
        y[0] = x[0];
        y[1] = w[0];
        for (int i = 0; i < n; i++) {
            int eff = dilation[i] * (w[i + 2] - 1) + 1;
            int o = (x[i + 2] + 2 * padding[i] - eff) / stride[i] + 1;
            if (x[i + 2] + 2 * padding[i] < eff || o < 1) {
                throw new IllegalArgumentException(op + ": kernel " + Shape.str(w) + " (dilated extent " + eff
                        + ") does not fit input " + Shape.str(x) + " with padding " + Arrays.toString(padding));
            }
            y[i + 2] = o;
        }
        return y;
    }

    /** The output shape for x and w, after checking that {@code dy} has it (the backward passes' check). */
    public int[] requireGradient(String op, int[] dy, int[] x, int[] w) {
        int[] y = outputShape(op, x, w);
        Shape.requireGradient(op, dy, y);
        return y;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvSpec c && Arrays.equals(stride, c.stride) && Arrays.equals(padding, c.padding)
                && Arrays.equals(dilation, c.dilation) && groups == c.groups;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(stride) * 31 + Arrays.hashCode(padding) * 17 + Arrays.hashCode(dilation) + groups;
    }

    @Override
    public String toString() {
        return "ConvSpec[stride=" + Arrays.toString(stride) + ", padding=" + Arrays.toString(padding)
                + ", dilation=" + Arrays.toString(dilation) + ", groups=" + groups + "]";
    }
}
