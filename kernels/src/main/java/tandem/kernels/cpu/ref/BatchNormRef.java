package tandem.kernels.cpu.ref;

import tandem.tensor.Shape;

/**
 * The reference batch normalisation over x: (B, C, *S) with statistics per channel, PyTorch's conventions:
 * training normalises with the batch mean and the biased variance, and moves the running statistics by
 * {@code running = (1 - momentum) * running + momentum * batchStat} using the UNBIASED variance;
 * eval normalises with the running statistics.
 */
public final class BatchNormRef {
    private BatchNormRef() {}

    /**
     * runningMean/runningVar are updated in place when training. Returns {y, mean, invStd}: the statistics
     * used to normalise (batch ones when training, running ones in eval), invStd = 1 / sqrt(var + eps).
     */
    // x: (B, C, *S); gamma, beta, runningMean, runningVar: (C) -> y: (B, C, *S), mean: (C), invStd: (C)
    public static double[][] forward(double[] x, int[] xShape, double[] gamma, double[] beta, double[] runningMean,
                                     double[] runningVar, boolean training, double momentum, double eps) {
        Layout l = Layout.of("batch_norm", x, xShape);
        l.requirePerChannel("batch_norm", "gamma", gamma);
        l.requirePerChannel("batch_norm", "beta", beta);
        l.requirePerChannel("batch_norm", "runningMean", runningMean);
        l.requirePerChannel("batch_norm", "runningVar", runningVar);
        double[] mean = new double[l.channels], invStd = new double[l.channels];
        if (training) {
            if (l.perChannel < 2) {
                throw new IllegalArgumentException("batch_norm: training needs more than one value per channel, got input "
                        + Shape.str(xShape));
            }
            for (int c = 0; c < l.channels; c++) {
                double sum = 0;
                for (int i = 0; i < l.perChannel; i++) sum += x[l.index(c, i)];
                double mu = sum / l.perChannel;
                double sq = 0;
                for (int i = 0; i < l.perChannel; i++) {
                    double dev = x[l.index(c, i)] - mu;
                    sq += dev * dev;
                }
                double biasedVar = sq / l.perChannel;
                mean[c] = mu;
                invStd[c] = 1.0 / Math.sqrt(biasedVar + eps);
                runningMean[c] = (1 - momentum) * runningMean[c] + momentum * mu;
                runningVar[c] = (1 - momentum) * runningVar[c] + momentum * sq / (l.perChannel - 1);
            }
        } else {
            for (int c = 0; c < l.channels; c++) {
                mean[c] = runningMean[c];
                invStd[c] = 1.0 / Math.sqrt(runningVar[c] + eps);
            }
        }
        double[] y = new double[x.length];
        for (int c = 0; c < l.channels; c++) {
            for (int i = 0; i < l.perChannel; i++) {
                int xi = l.index(c, i);
                y[xi] = (x[xi] - mean[c]) * invStd[c] * gamma[c] + beta[c];
            }
        }
        return new double[][] {y, mean, invStd};
    }

    /**
     * Training-mode gradient (the batch statistics depend on x). With xhat = (x - mean) * invStd and N values per
     * channel: dbeta = sum dy, dgamma = sum dy * xhat, dx = gamma * invStd / N * (N * dy - dbeta - xhat * dgamma).
     * Returns {dx, dgamma, dbeta}.
     */
    // dy, x: (B, C, *S); gamma, mean, invStd: (C) -> dx: (B, C, *S), dgamma: (C), dbeta: (C)
    public static double[][] backward(double[] dy, double[] x, int[] xShape, double[] gamma, double[] mean, double[] invStd) {
        Layout l = Layout.of("batch_norm_bwd", x, xShape);
        ConvRef.requireLength("batch_norm_bwd", "gradient", dy, xShape);
        l.requirePerChannel("batch_norm_bwd", "gamma", gamma);
        l.requirePerChannel("batch_norm_bwd", "mean", mean);
        l.requirePerChannel("batch_norm_bwd", "invStd", invStd);
        double[] dx = new double[x.length], dgamma = new double[l.channels], dbeta = new double[l.channels];
        double n = l.perChannel;
        for (int c = 0; c < l.channels; c++) {
            for (int i = 0; i < l.perChannel; i++) {
                int xi = l.index(c, i);
                dbeta[c] += dy[xi];
                dgamma[c] += dy[xi] * (x[xi] - mean[c]) * invStd[c];
            }
            double scale = gamma[c] * invStd[c] / n;
            for (int i = 0; i < l.perChannel; i++) {
                int xi = l.index(c, i);
                double xhat = (x[xi] - mean[c]) * invStd[c];
                dx[xi] = scale * (n * dy[xi] - dbeta[c] - xhat * dgamma[c]);
            }
        }
        return new double[][] {dx, dgamma, dbeta};
    }

    /** x: (B, C, *S) seen as B blocks of C channels of S spatial values each. */
    private static final class Layout {
        final int[] shape;
        final int batch, channels, spatial, perChannel;

        private Layout(int[] shape) {
            this.shape = shape.clone();
            batch = shape[0];
            channels = shape[1];
            spatial = (int) (Shape.numel(shape) / Math.max(1, (long) batch * channels));
            perChannel = batch * spatial;
        }

        static Layout of(String op, double[] x, int[] xShape) {
            if (xShape.length < 2) {
                throw new IllegalArgumentException(op + ": input must be (B, C, ...), got " + Shape.str(xShape));
            }
            ConvRef.requireLength(op, "input", x, xShape);
            return new Layout(xShape);
        }

        /** Flat index of the i-th value (over batch and space) of channel c. */
        int index(int c, int i) {
            int b = i / spatial, s = i % spatial;
            return (b * channels + c) * spatial + s;
        }

        void requirePerChannel(String op, String what, double[] v) {
            if (v.length != channels) {
                throw new IllegalArgumentException(op + ": " + what + " has " + v.length + " values but input "
                        + Shape.str(shape) + " has " + channels + " channels");
            }
        }
    }
}
