package tandem.kernels.cpu.ref;

import tandem.tensor.ConvSpec;

/** STUB — to be written. */
public final class ConvRef {
    private ConvRef() {}
    public static double[] forward(double[] x, int[] xShape, double[] w, int[] wShape, ConvSpec spec) { throw new UnsupportedOperationException("todo"); }
    public static double[] backwardData(double[] dy, int[] dyShape, double[] w, int[] wShape, ConvSpec spec, int[] xShape) { throw new UnsupportedOperationException("todo"); }
    public static double[] backwardWeight(double[] x, int[] xShape, double[] dy, int[] dyShape, ConvSpec spec, int[] wShape) { throw new UnsupportedOperationException("todo"); }
}
