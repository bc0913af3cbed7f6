package tandem.kernels.cpu.fast;

import tandem.tensor.Shape;

/**
 * F32 batch normalisation over a dense x: (B, C, *S), statistics per channel, with the conventions of
 * {@link tandem.kernels.cpu.ref.BatchNormRef} (its oracle): training normalises with the batch mean and biased
 * variance and moves the running statistics with the unbiased variance; eval uses the running statistics.
 *
 * <p>Channel c is B runs of S consecutive values. Statistics are accumulated in double over two passes (mean, then
 * squared deviations from it), so a large mean does not swamp a small variance as a one-pass sum of squares would.
 * The elementwise passes run in float; the mean enters them split into a float head and tail so that x - mean keeps
 * near-double accuracy when the mean is large beside the spread. Channels run in parallel when the work pays.
 */
public final class BatchNormF32 {
    private BatchNormF32() {}

    /** {y, mean, invStd}: the normalised output and the statistics it used (batch ones in training, running in eval). */
    public record Forward(float[] y, float[] mean, float[] invStd) {}

    /** {dx, dgamma, dbeta}. */
    public record Backward(float[] dx, float[] dgamma, float[] dbeta) {}

    /**
     * runningMean and runningVar are updated in place when training. {@code y} receives the output (every element
     * written); it may come from a pool.
     */
    // x, y: (B, C, *S) dense; gamma, beta, runningMean, runningVar: (C)
    public static Forward forward(float[] x, int[] xShape, float[] gamma, float[] beta, float[] runningMean,
                                  float[] runningVar, boolean training, double momentum, double eps, float[] y) {
        Layout l = Layout.of("batch_norm", x.length, xShape);
        l.requirePerChannel("batch_norm", "gamma", gamma);
        l.requirePerChannel("batch_norm", "beta", beta);
        l.requirePerChannel("batch_norm", "runningMean", runningMean);
        l.requirePerChannel("batch_norm", "runningVar", runningVar);
        l.requireLength("batch_norm", "output", y);
        if (training && l.perChannel() < 2) {
            throw new IllegalArgumentException("batch_norm: training needs more than one value per channel, got input "
                    + Shape.str(xShape));
        }
        float[] mean = new float[l.channels], invStd = new float[l.channels];
        Parallel.forEachIndex(l.channels, 6.0 * x.length, c -> {
            double mu, inv;
            if (training) {
                mu = l.sum(x, c) / l.perChannel();
                double sq = l.squaredDeviations(x, c, mu);
                inv = 1.0 / Math.sqrt(sq / l.perChannel() + eps);
                runningMean[c] = (float) ((1 - momentum) * runningMean[c] + momentum * mu);
                runningVar[c] = (float) ((1 - momentum) * runningVar[c] + momentum * sq / (l.perChannel() - 1));
            } else {
                mu = runningMean[c];
                inv = 1.0 / Math.sqrt(runningVar[c] + eps);
            }
            mean[c] = (float) mu;
            invStd[c] = (float) inv;
            float head = (float) mu, tail = (float) (mu - head);
            float scale = (float) (inv * gamma[c]), shift = beta[c];
            for (int b = 0; b < l.batch; b++) {
                int base = l.runStart(b, c);
                for (int s = base, end = base + l.spatial; s < end; s++) y[s] = ((x[s] - head) - tail) * scale + shift;
            }
        });
        return new Forward(y, mean, invStd);
    }

    /**
     * Training-mode gradient, as the reference: with xhat = (x - mean) * invStd and N values per channel,
     * dbeta = sum dy, dgamma = sum dy * xhat, dx = gamma * invStd / N * (N * dy - dbeta - xhat * dgamma).
     * {@code dx} receives the input gradient (every element written).
     */
    // dy, x, dx: (B, C, *S) dense; gamma, mean, invStd: (C)
    public static Backward backward(float[] dy, float[] x, int[] xShape, float[] gamma, float[] mean, float[] invStd,
                                    float[] dx) {
        Layout l = Layout.of("batch_norm_bwd", x.length, xShape);
        l.requireLength("batch_norm_bwd", "gradient", dy);
        l.requireLength("batch_norm_bwd", "input gradient", dx);
        l.requirePerChannel("batch_norm_bwd", "gamma", gamma);
        l.requirePerChannel("batch_norm_bwd", "mean", mean);
        l.requirePerChannel("batch_norm_bwd", "invStd", invStd);
        float[] dgamma = new float[l.channels], dbeta = new float[l.channels];
        double n = l.perChannel();
        Parallel.forEachIndex(l.channels, 8.0 * x.length, c -> {
            double[] sums = l.gradientSums(dy, x, c, mean[c]);
            double sumDy = sums[0], sumDyXhat = sums[1] * invStd[c];
            dbeta[c] = (float) sumDy;
            dgamma[c] = (float) sumDyXhat;
            // dx = a * dy - a * dbeta / N - a * invStd * dgamma / N * (x - mean), a = gamma * invStd
            double a = (double) gamma[c] * invStd[c];
            float k1 = (float) a, k0 = (float) (a * sumDy / n), k2 = (float) (a * invStd[c] * sumDyXhat / n);
            float m = mean[c];
            for (int b = 0; b < l.batch; b++) {
                int base = l.runStart(b, c);
                for (int s = base, end = base + l.spatial; s < end; s++) dx[s] = k1 * dy[s] - k0 - k2 * (x[s] - m);
            }
        });
        return new Backward(dx, dgamma, dbeta);
    }

    /** x: (B, C, *S) seen as B runs of S values per channel. */
    private record Layout(int[] shape, int batch, int channels, int spatial) {
        static Layout of(String op, int length, int[] xShape) {
            if (xShape.length < 2) {
                throw new IllegalArgumentException(op + ": input must be (B, C, ...), got " + Shape.str(xShape));
            }
            long numel = Shape.numel(xShape);
            if (numel != length) {
                throw new IllegalArgumentException(op + ": input has " + length + " values but shape " + Shape.str(xShape)
                        + " needs " + numel);
            }
            int batch = xShape[0], channels = xShape[1];
            int spatial = (int) (numel / Math.max(1, (long) batch * channels));
            return new Layout(xShape.clone(), batch, channels, spatial);
        }

        int perChannel() { return batch * spatial; }

        int runStart(int b, int c) { return (b * channels + c) * spatial; }

        /** Sum of channel c in double; four accumulators so the adds are not one serial chain. */
        double sum(float[] x, int c) {
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int b = 0; b < batch; b++) {
                int i = runStart(b, c), end = i + spatial;
                for (; i + 3 < end; i += 4) {
                    s0 += x[i];
                    s1 += x[i + 1];
                    s2 += x[i + 2];
                    s3 += x[i + 3];
                }
                for (; i < end; i++) s0 += x[i];
            }
            return (s0 + s1) + (s2 + s3);
        }

        /** Sum of (x - mu)^2 over channel c in double. */
        double squaredDeviations(float[] x, int c, double mu) {
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int b = 0; b < batch; b++) {
                int i = runStart(b, c), end = i + spatial;
                for (; i + 3 < end; i += 4) {
                    double d0 = x[i] - mu, d1 = x[i + 1] - mu, d2 = x[i + 2] - mu, d3 = x[i + 3] - mu;
                    s0 += d0 * d0;
                    s1 += d1 * d1;
                    s2 += d2 * d2;
                    s3 += d3 * d3;
                }
                for (; i < end; i++) {
                    double d = x[i] - mu;
                    s0 += d * d;
                }
            }
            return (s0 + s1) + (s2 + s3);
        }

        /** {sum dy, sum dy * (x - mean)} over channel c, in double. */
        double[] gradientSums(float[] dy, float[] x, int c, double mean) {
            double g0 = 0, g1 = 0, p0 = 0, p1 = 0;
            for (int b = 0; b < batch; b++) {
                int i = runStart(b, c), end = i + spatial;
                for (; i + 1 < end; i += 2) {
                    g0 += dy[i];
                    g1 += dy[i + 1];
                    p0 += dy[i] * (x[i] - mean);
                    p1 += dy[i + 1] * (x[i + 1] - mean);
                }
                for (; i < end; i++) {
                    g0 += dy[i];
                    p0 += dy[i] * (x[i] - mean);
                }
            }
            return new double[] {g0 + g1, p0 + p1};
        }

        void requirePerChannel(String op, String what, float[] v) {
            if (v.length != channels) {
                throw new IllegalArgumentException(op + ": " + what + " has " + v.length + " values but input "
                        + Shape.str(shape) + " has " + channels + " channels");
            }
        }

        void requireLength(String op, String what, float[] v) {
            if (v.length != batch * channels * spatial) {
                throw new IllegalArgumentException(op + ": " + what + " has " + v.length + " values but input "
                        + Shape.str(shape) + " has " + (batch * channels * spatial));
            }
        }
    }
}
