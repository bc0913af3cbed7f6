package tandem.kernels.cpu.ref;

import org.junit.jupiter.api.Test;
import tandem.kernels.cpu.Checks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tandem.kernels.cpu.Checks.assertClose;
import static tandem.kernels.cpu.Checks.dot;
import static tandem.kernels.cpu.Checks.numel;
import static tandem.kernels.cpu.Checks.random;

class BatchNormRefTest {
    private static final double EPS = 1e-5;

    @Test
    void trainingNormalisesWithBatchStatisticsAndMovesRunningStats() {
        // one channel holding {1, 2, 3, 6}: mean 3, biased variance 14/4, unbiased 14/3
        double[] x = {1, 2, 3, 6};
        double[] rm = {0}, rv = {1};
        double[][] r = BatchNormRef.forward(x, new int[] {2, 1, 2}, new double[] {2}, new double[] {0.5}, rm, rv, true, 0.1, EPS);
        double inv = 1 / Math.sqrt(3.5 + EPS);
        assertArrayEquals(new double[] {3}, r[1], 1e-15);
        assertArrayEquals(new double[] {inv}, r[2], 1e-15);
        for (int i = 0; i < 4; i++) assertClose((x[i] - 3) * inv * 2 + 0.5, r[0][i], 1e-14, 0, "y[" + i + "]");
        assertClose(0.9 * 0 + 0.1 * 3, rm[0], 1e-15, 0, "running mean");
        assertClose(0.9 * 1 + 0.1 * 14.0 / 3, rv[0], 1e-15, 0, "running var (unbiased)");
    }

    @Test
    void trainingOutputHasMeanBetaAndStdGammaPerChannel() {
        int[] xs = {3, 4, 5, 2};
        double[] x = random(1, numel(xs)), gamma = {1, 2, 0.5, -1}, beta = {0, 1, -1, 3};
        double[] y = BatchNormRef.forward(x, xs, gamma, beta, new double[4], new double[] {1, 1, 1, 1}, true, 0.1, 0)[0];
        int spatial = 10;
        for (int c = 0; c < 4; c++) {
            double sum = 0, sq = 0;
            for (int b = 0; b < 3; b++) for (int s = 0; s < spatial; s++) sum += y[(b * 4 + c) * spatial + s];
            double mean = sum / 30;
            for (int b = 0; b < 3; b++) for (int s = 0; s < spatial; s++) sq += Math.pow(y[(b * 4 + c) * spatial + s] - mean, 2);
            assertClose(beta[c], mean, 1e-12, 0, "channel " + c + " mean");
            assertClose(Math.abs(gamma[c]), Math.sqrt(sq / 30), 1e-12, 0, "channel " + c + " std");
        }
    }

    @Test
    void evalUsesRunningStatisticsAndLeavesThemAlone() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8};
        double[] rm = {1, -2}, rv = {4, 0.25};
        double[][] r = BatchNormRef.forward(x, new int[] {2, 2, 2}, new double[] {1, 3}, new double[] {0, 1}, rm, rv, false, 0.1, 0);
        assertArrayEquals(new double[] {1, -2}, rm, 0);
        assertArrayEquals(new double[] {4, 0.25}, rv, 0);
        assertArrayEquals(new double[] {1, -2}, r[1], 0);
        assertArrayEquals(new double[] {0.5, 2}, r[2], 0);
        // channel 0: (x - 1) / 2; channel 1: (x + 2) * 2 * 3 + 1
        assertArrayEquals(new double[] {0, 0.5, 31, 37, 2, 2.5, 55, 61}, r[0], 1e-14);
    }

    @Test
    void backwardMatchesFiniteDifferencesOfTrainingForward() {
        int[] xs = {3, 2, 2, 3};
        double[] x = random(2, numel(xs)), gamma = {1.5, -0.7}, beta = {0.2, 0.3}, r = random(3, numel(xs));
        double[][] fwd = BatchNormRef.forward(x, xs, gamma, beta, new double[2], new double[2], true, 0.1, EPS);
        double[][] grads = BatchNormRef.backward(r, x, xs, gamma, fwd[1], fwd[2]);
        double[] numX = Checks.numericGradient(v -> loss(v, xs, gamma, beta, r), x, 1e-6);
        double[] numGamma = Checks.numericGradient(v -> loss(x, xs, v, beta, r), gamma, 1e-6);
        double[] numBeta = Checks.numericGradient(v -> loss(x, xs, gamma, v, r), beta, 1e-6);
        assertClose(numX, grads[0], 1e-7, 1e-6, "dx");
        assertClose(numGamma, grads[1], 1e-7, 1e-6, "dgamma");
        assertClose(numBeta, grads[2], 1e-7, 1e-6, "dbeta");
    }

    private static double loss(double[] x, int[] xs, double[] gamma, double[] beta, double[] r) {
        return dot(BatchNormRef.forward(x, xs, gamma, beta, new double[2], new double[2], true, 0.1, EPS)[0], r);
    }

    @Test
    void badInputNamesTheOpAndTheShapes() {
        IllegalArgumentException channels = assertThrows(IllegalArgumentException.class, () -> BatchNormRef.forward(
                new double[12], new int[] {2, 3, 2}, new double[2], new double[3], new double[3], new double[3], true, 0.1, EPS));
        assertTrue(channels.getMessage().contains("batch_norm") && channels.getMessage().contains("gamma")
                && channels.getMessage().contains("[2, 3, 2]"), channels.getMessage());
        IllegalArgumentException single = assertThrows(IllegalArgumentException.class, () -> BatchNormRef.forward(
                new double[3], new int[] {1, 3}, new double[3], new double[3], new double[3], new double[3], true, 0.1, EPS));
        assertTrue(single.getMessage().contains("more than one value per channel") && single.getMessage().contains("[1, 3]"),
                single.getMessage());
    }
}
