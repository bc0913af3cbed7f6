package tandem.emotion.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
    static final List<String> C = List.of("anger", "joy", "neutral", "sad");

    @Test void oneVsRestScoresByHand() {
        // truth 0,0,0,1,1,2,2,3 ; predicted 0,0,1,1,2,2,2,0
        ConfusionMatrix m = ConfusionMatrix.of(C, new int[] {0, 0, 0, 1, 1, 2, 2, 3}, new int[] {0, 0, 1, 1, 2, 2, 2, 0});
        assertEquals(5.0 / 8, m.overallAccuracy(), 1e-12);
        // class 0: TP 2, FP 1 (the 3 predicted as 0), FN 1 -> TN 4
        assertEquals(2.0 / 3, m.precision(0), 1e-12);
        assertEquals(2.0 / 3, m.recall(0), 1e-12);
        assertEquals(6.0 / 8, m.accuracy(0), 1e-12);
        assertEquals(2.0 / 3, m.f1(0), 1e-12);
        // class 3 never predicted: precision 0, recall 0, F1 0
        assertEquals(0, m.precision(3), 0);
        assertEquals(0, m.f1(3), 0);
        assertEquals((2.0 / 3 + 0.5 + 0.8 + 0) / 4, m.macroF1(), 1e-12);
        assertEquals(1.0, m.rowNormalised()[2][2], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> m.add(4, 0));
    }

    @Test void statsAndPairedComparison() {
        Stats s = Stats.of(new double[] {1, 2, 3, 4});
        assertEquals(2.5, s.mean(), 1e-12);
        assertEquals(Math.sqrt(5.0 / 3), s.std(), 1e-12);
        double[] a = {0.50, 0.52, 0.48, 0.55, 0.51, 0.49};
        double[] better = {0.60, 0.63, 0.59, 0.66, 0.60, 0.61};
        PairedComparison p = PairedComparison.of(a, better, 0.25);
        assertEquals(0.64 / 6, p.meanDifference(), 1e-12);
        assertTrue(p.ciLow() > 0 && p.tTestP() < 0.001, "a consistent gain is significant: " + p);
        assertTrue(p.correctedTTestP() > p.tTestP(), "the corrected test is more conservative");
        PairedComparison same = PairedComparison.of(a, a, 0.25);
        assertEquals(1.0, same.tTestP(), 0);
        assertThrows(IllegalArgumentException.class, () -> PairedComparison.of(a, new double[] {1}, 0.25));
    }

    /** Nadeau and Bengio's correction by hand: t = mean / sqrt((1/n + n_test/n_train) var), n - 1 degrees of freedom. */
    @Test void correctedResampledTTestByHand() {
        double[] a = {0.5, 0.5, 0.5, 0.5, 0.5};
        double[] b = {0.6, 0.7, 0.5, 0.6, 0.6};               // differences 0.1, 0.2, 0, 0.1, 0.1: mean 0.1, variance 0.005
        PairedComparison p = PairedComparison.of(a, b, 0.25);
        // t = 0.1 / sqrt((0.2 + 0.25) * 0.005) = 2.10819; two-sided p of Student's t with 4 degrees of freedom
        assertEquals(0.102700, p.correctedTTestP(), 1e-5);
        assertEquals(5, p.n());
    }

    /** R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") gives 0.03 0.06 0.06 0.02. */
    @Test void holmMatchesR() {
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005}), 1e-12);
        assertArrayEquals(new double[] {1, 1}, Holm.adjust(new double[] {0.6, 0.9}), 0, "capped at 1");
        double[] withNaN = Holm.adjust(new double[] {0.01, Double.NaN, 0.02});
        assertEquals(0.02, withNaN[0], 1e-12, "two tests, not three");
        assertTrue(Double.isNaN(withNaN[1]));
        assertEquals(0.02, withNaN[2], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Holm.adjust(new double[] {1.5}));
    }
}
