package tandem.kernels.cpu.ref;

/** STUB — to be written. */
public final class BatchNormRef {
    private BatchNormRef() {}
    /** runningMean/runningVar are updated in place when training. Returns {y, mean, invStd}. */
    public static double[][] forward(double[] x, int[] xShape, double[] gamma, double[] beta, double[] runningMean, double[] runningVar,
                                     boolean training, double momentum, double eps) { throw new UnsupportedOperationException("todo"); }
    /** Returns {dx, dgamma, dbeta}. */
    public static double[][] backward(double[] dy, double[] x, int[] xShape, double[] gamma, double[] mean, double[] invStd) { throw new UnsupportedOperationException("todo"); }
}
