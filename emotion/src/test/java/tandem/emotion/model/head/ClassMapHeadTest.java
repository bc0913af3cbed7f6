package tandem.emotion.model.head;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tandem.emotion.model.fusion.TestSupport.assertClose;
import static tandem.emotion.model.fusion.TestSupport.randomF64;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tandem.autograd.Var;
import tandem.emotion.model.fusion.TestSupport;
import tandem.nn.Seeds;
import tandem.tensor.DType;
import tandem.tensor.Tensor;

class ClassMapHeadTest {
    private static ClassMapHead head(int channels, int classes, int reduction, int minHidden, ScoreCalibration calibration) {
        Seeds.set(31);
        ClassMapHead h = new ClassMapHead(channels, classes, reduction, minHidden, calibration, true);
        h.to(DType.F64);
        return h;
    }

    /** Eqs. 7-8 with loops, materialising every class volume F_c = F * s_c. */
    private static double[] reference(ClassMapHead h, double[] f, int batch, int n, int s, int classes, boolean affine) {
        Map<String, Tensor> p = h.stateDict();
        double[] w1 = p.get("fc1.weight").toDoubleArray(), b1 = p.get("fc1.bias").toDoubleArray();
        double[] w2 = p.get("fc2.weight").toDoubleArray(), b2 = p.get("fc2.bias").toDoubleArray();
        int hidden = b1.length / classes;
        double[] logits = new double[batch * classes];
        for (int b = 0; b < batch; b++) {
            double[] z = new double[n];
            for (int c = 0; c < n; c++) for (int i = 0; i < s; i++) z[c] += f[(b * n + c) * s + i] / s;
            for (int k = 0; k < classes; k++) {
                double[] u = new double[hidden];
                for (int j = 0; j < hidden; j++) {
                    double x = b1[k * hidden + j];
                    for (int c = 0; c < n; c++) x += w1[(k * hidden + j) * n + c] * z[c];
                    u[j] = Math.max(0, x);
                }
                double score = 0;
                for (int c = 0; c < n; c++) {
                    double x = b2[k * n + c];
                    for (int j = 0; j < hidden; j++) x += w2[(k * n + c) * hidden + j] * u[j];
                    double gate = 1 / (1 + Math.exp(-x));
                    for (int i = 0; i < s; i++) score += f[(b * n + c) * s + i] * gate;   // F_c summed over channels and space
                }
                score /= n * s;
                logits[b * classes + k] = affine ? score * p.get("score_scale").toDoubleArray()[k] + p.get("score_bias").toDoubleArray()[k] : score;
            }
        }
        return logits;
    }

    @Test void plainScoresAreEquationEight() {
        ClassMapHead h = head(8, 3, 2, 1, ScoreCalibration.PLAIN);
        Var f = randomF64(1, 2, 8, 2, 2, 3);
        Var logits = h.forward(f);
        assertArrayEquals(new int[] {2, 3}, logits.shape());
        assertClose(reference(h, f.data().toDoubleArray(), 2, 8, 12, 3, false), logits.data().toDoubleArray(), 1e-12, 1e-10, "class scores");
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"), List.copyOf(h.namedParameters().keySet()));
        assertArrayEquals(new int[] {3, 4, 8}, h.namedParameters().get("fc1.weight").shape());   // (C, hidden, N)
    }

    @Test void affineCalibrationScalesAndShiftsEachClass() {
        ClassMapHead h = head(6, 4, 16, 4, ScoreCalibration.AFFINE);
        Map<String, Tensor> state = new HashMap<>(h.stateDict());
        state.put("score_scale", Tensor.of(new double[] {2, -1, 0.5, 3}, 4));
        state.put("score_bias", Tensor.of(new double[] {0.1, 0, -0.3, 1}, 4));
        h.loadStateDict(state, true);
        Var f = randomF64(2, 3, 6, 5);   // audio-shaped (B, N, L)
        assertClose(reference(h, f.data().toDoubleArray(), 3, 6, 5, 4, true), h.forward(f).data().toDoubleArray(), 1e-12, 1e-10, "calibrated scores");
    }

    @Test void untrainedAffineHeadIsEquationEightTimesTheChannelCount() {
        Var f = randomF64(6, 2, 8, 3, 2);
        Var plain = head(8, 3, 2, 1, ScoreCalibration.PLAIN).forward(f);
        Var affine = head(8, 3, 2, 1, ScoreCalibration.AFFINE).forward(f);   // same seed, same excitation weights
        assertClose(plain.mul(8), affine, 1e-14, 1e-12, "affine at initialisation");
    }

    @Test void classMapsAreTappedAndAverageToTheScores() {
        ClassMapHead h = head(8, 4, 2, 1, ScoreCalibration.PLAIN);
        Map<String, Var> taps = new HashMap<>();
        h.observe(taps::put);
        Var logits = h.forward(randomF64(3, 2, 8, 3, 2, 2));
        Var maps = taps.get("class_maps");
        assertArrayEquals(new int[] {2, 4, 3, 2, 2}, maps.shape());
        assertClose(logits.data().toDoubleArray(), maps.data().mean(false, 2, 3, 4).toDoubleArray(), 1e-14, 1e-12, "GAP of class maps");
    }

    @Test void hiddenWidthFollowsReductionWithAFloor() {
        assertEquals(128, ClassMapHead.hiddenWidth(2048, 16, 4));
        assertEquals(4, ClassMapHead.hiddenWidth(32, 16, 4));
        assertEquals(4, ClassMapHead.hiddenWidth(8, 16, 4));
    }

    @Test void gradientsWithRespectToInputsAndParameters() {
        ClassMapHead h = head(6, 3, 2, 1, ScoreCalibration.AFFINE);
        TestSupport.assertGradients(h, List.of("fc1.weight", "fc2.bias", "fc2.weight", "score_scale"), in -> h.forward(in[0]), randomF64(4, 2, 6, 2, 1, 3));
    }

    @Test void badShapesAreNamed() {
        ClassMapHead h = head(6, 3, 2, 1, ScoreCalibration.PLAIN);
        var e = assertThrows(IllegalArgumentException.class, () -> h.forward(randomF64(5, 2, 5, 3)));
        assertTrue(e.getMessage().contains("class-map head") && e.getMessage().contains("[2, 5, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> h.forward(randomF64(5, 2, 6)));
        e = assertThrows(IllegalArgumentException.class, () -> ScoreCalibration.parse("softplus"));
        assertTrue(e.getMessage().contains("softplus"), e.getMessage());
    }
}
