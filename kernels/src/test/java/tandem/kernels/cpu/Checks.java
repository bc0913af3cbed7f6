package tandem.kernels.cpu;

import tandem.tensor.Tensor;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Shared assertions and generators for the CPU tests. Closeness is always |x - ref| <= atol + rtol * |ref|. */
public final class Checks {
    private Checks() {}

    public static void assertClose(double[] expected, double[] actual, double atol, double rtol, String what) {
        assertEquals(expected.length, actual.length, what + ": lengths differ");
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], atol, rtol, what + " at flat index " + i);
        }
    }

    public static void assertClose(double expected, double actual, double atol, double rtol, String what) {
        boolean bothNaN = Double.isNaN(expected) && Double.isNaN(actual);
        if (!bothNaN && !(Math.abs(actual - expected) <= atol + rtol * Math.abs(expected))) {
            fail(what + ": expected " + expected + " but got " + actual + " (atol " + atol + ", rtol " + rtol + ")");
        }
    }

    /** Exact equality of values and shape. */
    public static void assertSame(Tensor expected, Tensor actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), 0.0, what + ": values");
    }

    /** Uniform values in [-1, 1) from a fixed seed. */
    public static double[] random(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextDouble(-1, 1);
        return v;
    }

    public static int numel(int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** Sum of |a_i * b_i|: the scale against which a rounding error in a dot product is judged. */
    public static double absDot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += Math.abs(a[i] * b[i]);
        return s;
    }

    /** Central differences of a scalar function with respect to every entry of {@code at} (which is restored). */
    public static double[] numericGradient(Function<double[], Double> f, double[] at, double h) {
        double[] g = new double[at.length];
        for (int i = 0; i < at.length; i++) {
            double keep = at[i];
            at[i] = keep + h;
            double up = f.apply(at);
            at[i] = keep - h;
            double down = f.apply(at);
            at[i] = keep;
            g[i] = (up - down) / (2 * h);
        }
        return g;
    }

    /**
     * The elements of any view in row-major order, read one by one through {@link Tensor#get}: an independent path
     * from the gather the backend uses, so a view bug cannot hide by being on both sides of a comparison.
     */
    public static Tensor materialise(Tensor view) {
        int[] shape = view.shape();
        double[] out = new double[numel(shape)];
        int[] idx = new int[shape.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = view.get(idx);
            for (int a = shape.length - 1; a >= 0; a--) {
                if (++idx[a] < shape[a]) break;
                idx[a] = 0;
            }
        }
        return Tensor.of(out, shape).to(view.dtype());
    }

    public static String str(int[] shape) { return Arrays.toString(shape); }
}
