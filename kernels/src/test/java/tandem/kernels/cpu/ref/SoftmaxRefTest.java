package tandem.kernels.cpu.ref;

import org.junit.jupiter.api.Test;
import tandem.kernels.cpu.Checks;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tandem.kernels.cpu.Checks.assertClose;
import static tandem.kernels.cpu.Checks.dot;
import static tandem.kernels.cpu.Checks.random;

class SoftmaxRefTest {
    private static final int[] SHAPE = {3, 4, 5};

    @Test
    void rowsSumToOneAlongEveryAxis() {
        double[] x = random(1, 60);
        for (int axis = 0; axis < 3; axis++) {
            double[] y = SoftmaxRef.forward(x, SHAPE, axis, false);
            int[] stride = {20, 5, 1};
            for (int i = 0; i < 60; i++) {
                if (i / stride[axis] % SHAPE[axis] != 0) continue;   // i starts a row along axis
                double sum = 0;
                for (int j = 0; j < SHAPE[axis]; j++) {
                    double v = y[i + j * stride[axis]];
                    assertTrue(v > 0 && v < 1, "softmax value " + v);
                    sum += v;
                }
                assertClose(1, sum, 1e-14, 0, "row sum along axis " + axis + " from " + i);
            }
        }
    }

    @Test
    void largeInputsDoNotOverflow() {
        double[] y = SoftmaxRef.forward(new double[] {1000, 1001, 1002}, new int[] {3}, 0, false);
        double[] expected = SoftmaxRef.forward(new double[] {0, 1, 2}, new int[] {3}, 0, false);
        assertClose(expected, y, 1e-15, 1e-14, "softmax shifted by 1000");
        double z = 1 + Math.exp(1) + Math.exp(2);
        assertClose(new double[] {1 / z, Math.exp(1) / z, Math.exp(2) / z}, expected, 1e-15, 1e-14, "softmax by hand");
        // log-softmax stays exact where log(softmax) would underflow to -infinity
        double[] logY = SoftmaxRef.forward(new double[] {1000, 0}, new int[] {2}, 0, true);
        assertClose(new double[] {0, -1000}, logY, 1e-12, 0, "log-softmax of {1000, 0}");
    }

    @Test
    void logSoftmaxIsLogOfSoftmax() {
        double[] x = random(2, 60);
        for (int axis = 0; axis < 3; axis++) {
            double[] y = SoftmaxRef.forward(x, SHAPE, axis, false), logY = SoftmaxRef.forward(x, SHAPE, axis, true);
            for (int i = 0; i < 60; i++) assertClose(Math.log(y[i]), logY[i], 1e-14, 1e-13, "axis " + axis + " index " + i);
        }
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        double[] x = random(3, 60), dy = random(4, 60);
        for (boolean log : new boolean[] {false, true}) {
            for (int axis = 0; axis < 3; axis++) {
                int a = axis;
                double[] y = SoftmaxRef.forward(x, SHAPE, a, log);
                double[] numeric = Checks.numericGradient(v -> dot(SoftmaxRef.forward(v, SHAPE, a, log), dy), x, 1e-6);
                assertClose(numeric, SoftmaxRef.backward(y, dy, SHAPE, a, log), 1e-8, 1e-6,
                        (log ? "log-softmax" : "softmax") + " gradient along axis " + a);
            }
        }
    }

    @Test
    void badAxisNamesTheOpAndTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SoftmaxRef.forward(new double[60], SHAPE, 3, true));
        assertTrue(e.getMessage().contains("log_softmax") && e.getMessage().contains("[3, 4, 5]"), e.getMessage());
    }
}
