package tandem.kernels.cpu.ref;

import tandem.tensor.PoolSpec;

/** STUB — to be written. */
public final class PoolRef {
    private PoolRef() {}
    public static double[] maxForward(double[] x, int[] xShape, PoolSpec spec) { throw new UnsupportedOperationException("todo"); }
    public static double[] maxBackward(double[] x, int[] xShape, double[] dy, PoolSpec spec) { throw new UnsupportedOperationException("todo"); }
    public static double[] avgForward(double[] x, int[] xShape, PoolSpec spec) { throw new UnsupportedOperationException("todo"); }
    public static double[] avgBackward(double[] dy, PoolSpec spec, int[] xShape) { throw new UnsupportedOperationException("todo"); }
}
