package tandem.kernels.cpu.ref;

/** STUB — to be written. */
public final class SoftmaxRef {
    private SoftmaxRef() {}
    public static double[] forward(double[] x, int[] shape, int axis, boolean log) { throw new UnsupportedOperationException("todo"); }
    public static double[] backward(double[] y, double[] dy, int[] shape, int axis, boolean log) { throw new UnsupportedOperationException("todo"); }
}
