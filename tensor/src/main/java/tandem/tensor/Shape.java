package tandem.tensor;

import java.util.Arrays;

/** Static helpers for shapes ({@code int[]}) and strides. Shapes are never mutated once handed to a tensor. */
public final class Shape {
    private Shape() {}

    public static long numel(int[] shape) {
        long n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    public static int[] contiguousStrides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= Math.max(shape[i], 1);
        }
        return s;
    }

    /** NumPy broadcasting of two shapes; names the op and both shapes when they do not broadcast. */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i < n - a.length ? 1 : a[i - (n - a.length)];
            int db = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + str(a) + " and " + str(b)
                        + " do not broadcast (dimension " + i + ": " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Normalises a possibly negative axis against rank, naming the op on error. */
    public static int axis(String op, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " out of range for rank " + rank);
        }
        return a;
    }

    public static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    /** Checks that a gradient has the shape of what it is the gradient of, naming the op and both shapes otherwise. */
    public static void requireGradient(String op, int[] gradient, int[] expected) {
        if (!Arrays.equals(gradient, expected)) {
            throw new IllegalArgumentException(op + ": gradient has shape " + str(gradient) + ", expected " + str(expected));
        }
    }

    /** Checks that {@code source} broadcasts to exactly {@code destination} (as an assignment needs). */
    public static void requireBroadcastsTo(String op, int[] source, int[] destination) {
        if (!Arrays.equals(broadcast(op, source, destination), destination)) {
            throw new IllegalArgumentException(op + ": source " + str(source) + " does not broadcast to destination "
                    + str(destination));
        }
    }

    public static void requireRank(String op, String what, int[] shape, int rank) {
        if (shape.length != rank) {
            throw new IllegalArgumentException(op + ": " + what + " must have rank " + rank + ", got shape " + str(shape));
        }
    }
}
