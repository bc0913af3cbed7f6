package tandem.tensor;

import java.util.Arrays;

/**
 * Geometry of N-d max or average pooling (N = 1, 2 or 3) over x: (B, C, *S).
 * Average pooling counts padded cells in the divisor when {@code countIncludePad} (PyTorch's default).
 * Max pooling pads with -infinity.
 */
public record PoolSpec(int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
    public PoolSpec {
        if (kernel.length != stride.length || kernel.length != padding.length || kernel.length < 1 || kernel.length > 3) {
            throw new IllegalArgumentException("PoolSpec: kernel, stride, padding must have the same length 1..3");
        }
        for (int i = 0; i < kernel.length; i++) {
            if (kernel[i] < 1 || stride[i] < 1 || padding[i] < 0 || padding[i] * 2 > kernel[i]) {
                throw new IllegalArgumentException("PoolSpec: need kernel >= 1, stride >= 1, 0 <= padding <= kernel/2; got kernel "
                        + Arrays.toString(kernel) + " stride " + Arrays.toString(stride) + " padding " + Arrays.toString(padding));
            }
        }
        kernel = kernel.clone();
        stride = stride.clone();
        padding = padding.clone();
    }

    public static PoolSpec of(int dims, int kernel, int stride, int padding) {
        int[] k = new int[dims], s = new int[dims], p = new int[dims];
        Arrays.fill(k, kernel);
        Arrays.fill(s, stride);
        Arrays.fill(p, padding);
        return new PoolSpec(k, s, p, true);
    }

    public int dims() { return kernel.length; }

    /** Output shape (floor mode, as PyTorch's default). */
    public int[] outputShape(String op, int[] x) {
        int n = dims();
        if (x.length != n + 2) {
            throw new IllegalArgumentException(op + ": expected input (B, C, " + n + " spatial dims), got " + Shape.str(x));
        }
        int[] y = x.clone();
        for (int i = 0; i < n; i++) {
            int o = (x[i + 2] + 2 * padding[i] - kernel[i]) / stride[i] + 1;
            if (o < 1) {
                throw new IllegalArgumentException(op + ": window " + Arrays.toString(kernel) + " does not fit input " + Shape.str(x));
            }
            y[i + 2] = o;
        }
        return y;
    }

    /** The output shape for x, after checking that {@code dy} has it (the backward passes' check). */
    public int[] requireGradient(String op, int[] dy, int[] x) {
        int[] y = outputShape(op, x);
        Shape.requireGradient(op, dy, y);
        return y;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PoolSpec p && Arrays.equals(kernel, p.kernel) && Arrays.equals(stride, p.stride)
                && Arrays.equals(padding, p.padding) && countIncludePad == p.countIncludePad;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(kernel) * 31 + Arrays.hashCode(stride) * 17 + Arrays.hashCode(padding) + (countIncludePad ? 1 : 0);
    }

    @Override
    public String toString() {
        return "PoolSpec[kernel=" + Arrays.toString(kernel) + ", stride=" + Arrays.toString(stride)
                + ", padding=" + Arrays.toString(padding) + ", countIncludePad=" + countIncludePad + "]";
    }
}
