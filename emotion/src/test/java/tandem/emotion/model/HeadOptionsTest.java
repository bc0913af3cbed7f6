package tandem.emotion.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tandem.emotion.model.fusion.TestSupport.set;
import static tandem.emotion.model.fusion.TestSupport.sigmoid;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tandem.autograd.Var;
import tandem.emotion.model.head.ClassMapHead;
import tandem.emotion.model.head.Head;
import tandem.nn.Module;
import tandem.nn.Seeds;
import tandem.tensor.DType;
import tandem.tensor.Tensor;

/**
 * The class-map head's paper-exact options through the model spec: {@code head.score=plain} is eq. 8 exactly,
 * {@code head.reduction=R} (with {@code head.minHidden}) sets eq. 7's bottleneck, each against a case worked by hand.
 */
class HeadOptionsTest {
    private static Head classMap(Map<String, String> options) {
        Seeds.set(3);
        Head h = HeadRegistry.get("classmap").create(new int[] {2, 2}, 2, new HeadOptions(options));
        ((Module) h).to(DType.F64);
        return h;
    }

    /**
     * N = 2 channels, L = 2 steps, C = 2 classes, bottleneck 1 (reduction 2, minHidden 1). F = [[1, 3], [2, 0]], so
     * z = GAP(F) = [2, 1].
     * Class 0: W1 = [1, 0], b1 = 0, u = relu(2) = 2; W2 = [1, -1], b2 = 0, s_0 = [sigmoid(2), sigmoid(-2)].
     * Class 1: W1 = [0, 1], b1 = -2, u = relu(-1) = 0; b2 = [0, ln 3], s_1 = [1/2, 3/4].
     * Eq. 8 before the softmax: score_c = mean over channels and steps of F * s_c = sum_n s_c[n] (F[n][0] + F[n][1]) / 4:
     * score_0 = (4 sigmoid(2) + 2 sigmoid(-2)) / 4, score_1 = (4 / 2 + 2 * 3/4) / 4 = 0.875.
     */
    private static double[] handWorkedLogits(Map<String, String> options) {
        Head h = classMap(options);
        Module m = (Module) h;
        set(m, "fc1.weight", 1, 0, 0, 1);
        set(m, "fc1.bias", 0, -2);
        set(m, "fc2.weight", 1, -1, 5, 5);
        set(m, "fc2.bias", 0, 0, 0, Math.log(3));
        Var features = Var.constant(Tensor.of(new double[] {1, 3, 2, 0}, 1, 2, 2));
        return h.forward(features).data().toDoubleArray();
    }

    private static final double SCORE_0 = (4 * sigmoid(2) + 2 * sigmoid(-2)) / 4, SCORE_1 = 0.875;

    @Test
    void plainScoreIsEquationEightExactly() {
        for (String fused : new String[] {"true", "false"}) {
            double[] plain = handWorkedLogits(Map.of("score", "plain", "reduction", "2", "minHidden", "1", "fused", fused));
            assertArrayEquals(new double[] {SCORE_0, SCORE_1}, plain, 1e-12, "fused=" + fused);
        }
        assertFalse(((Module) classMap(Map.of("score", "plain"))).namedParameters().containsKey("score_scale"), "plain has no scale or bias");
    }

    @Test
    void affineScoreStartsAtTheChannelCountTimesThePlainOne() {
        double[] affine = handWorkedLogits(Map.of("score", "affine", "reduction", "2", "minHidden", "1"));
        assertArrayEquals(new double[] {2 * SCORE_0, 2 * SCORE_1}, affine, 1e-12, "scale starts at N = 2, bias at 0");
        assertArrayEquals(affine, handWorkedLogits(Map.of("reduction", "2", "minHidden", "1")), 0, "affine is the default");
    }

    @Test
    void reductionSetsTheBottleneckWidth() {
        assertEquals(8, hidden(32, Map.of("reduction", "4")), "32 / 4");
        assertEquals(4, hidden(32, Map.of()), "32 / 16 = 2, raised to the default minimum of 4");
        assertEquals(2, hidden(32, Map.of("reduction", "16", "minHidden", "1")), "32 / 16 exactly");
        ClassMapHead h = (ClassMapHead) HeadRegistry.get("classmap").create(new int[] {32, 4, 2, 2}, 3, new HeadOptions(Map.of("reduction", "4")));
        assertEquals("score=affine reduction=4 minHidden=4 hidden=8 channels=32 fused=true", h.settings());
    }

    private static int hidden(int channels, Map<String, String> options) {
        Module h = (Module) HeadRegistry.get("classmap").create(new int[] {channels, 5}, 3, new HeadOptions(options));
        int[] w1 = h.stateDict().get("fc1.weight").shape();
        assertArrayEquals(new int[] {3, w1[1], channels}, w1);
        return w1[1];
    }

    @Test
    void unknownOptionsAndValuesAreNamed() {
        var typo = assertThrows(IllegalArgumentException.class, () -> classMap(Map.of("scroe", "plain")));
        assertEquals("head 'classmap': unknown option(s) [scroe]; known: [fused, minHidden, reduction, score]", typo.getMessage());
        var linear = assertThrows(IllegalArgumentException.class,
                () -> HeadRegistry.get("linear").create(new int[] {4, 5}, 2, new HeadOptions(Map.of("score", "plain"))));
        assertEquals("head 'linear': unknown option(s) [score]; known: []", linear.getMessage());
        var value = assertThrows(IllegalArgumentException.class, () -> classMap(Map.of("score", "softmax")));
        assertTrue(value.getMessage().contains("unknown calibration 'softmax'; known: plain, affine"), value.getMessage());
        var number = assertThrows(IllegalArgumentException.class, () -> classMap(Map.of("reduction", "four")));
        assertEquals("head option reduction=four is not an integer", number.getMessage());
    }
}
