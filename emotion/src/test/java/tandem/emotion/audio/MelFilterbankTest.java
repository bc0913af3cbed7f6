package tandem.emotion.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MelFilterbankTest {

    private static final MfccConfig MSAF = MfccConfig.librosaDefaults(44100);
    private static final MelFilterbank BANK = new MelFilterbank(MSAF);
    private static final double BIN_HZ = 44100.0 / 2048;

    // The Slaney scale written out again, independently of MelScale.
    private static double mel(double hz) {
        return hz <= 1000 ? 3 * hz / 200 : 15 + 27 * Math.log(hz / 1000) / Math.log(6.4);
    }

    private static double hz(double mel) {
        return mel <= 15 ? 200 * mel / 3 : 1000 * Math.pow(6.4, (mel - 15) / 27);
    }

    private static double[] expectedEdges() {
        double[] edges = new double[130];
        double top = mel(22050);
        for (int j = 0; j < edges.length; j++) edges[j] = hz(top * j / 129);
        return edges;
    }

    @Test
    void edgesAreEvenlySpacedInSlaneyMels() {
        double[] expected = expectedEdges();
        double[] actual = BANK.edgesHz();
        assertEquals(0.0, actual[0], 0);
        assertEquals(22050.0, actual[129], 1e-9);
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], actual[j], 1e-9 + 1e-12 * expected[j], "edge " + j);
        }
    }

    @Test
    void everyWeightIsTheAreaNormalisedTriangle() {
        double[] e = expectedEdges();
        double[][] w = BANK.weights();
        assertEquals(128, w.length);
        assertEquals(1025, w[0].length);
        for (int i = 0; i < 128; i++) {
            double lo = e[i], centre = e[i + 1], hi = e[i + 2];
            double peak = 2 / (hi - lo);  // norm='slaney': unit area
            for (int k = 0; k < 1025; k++) {
                double f = k * BIN_HZ;
                double ref = f <= lo || f >= hi ? 0
                        : f <= centre ? peak * (f - lo) / (centre - lo) : peak * (hi - f) / (hi - centre);
                assertEquals(ref, w[i][k], 1e-12 + 1e-9 * ref, "filter " + i + ", bin " + k);
            }
        }
    }

    @Test
    void supportAndPeakSitWhereTheEdgesSay() {
        double[] e = BANK.edgesHz();
        double[][] w = BANK.weights();
        for (int i = 0; i < 128; i++) {
            int argmax = 0;
            for (int k = 0; k < 1025; k++) {
                double f = k * BIN_HZ;
                boolean inside = f > e[i] && f < e[i + 2];
                assertEquals(inside, w[i][k] > 0, "filter " + i + " at " + f + " Hz");
                if (w[i][k] > w[i][argmax]) argmax = k;
            }
            // the largest sample of a triangle is one of the two bins around its apex
            double apexBin = e[i + 1] / BIN_HZ;
            assertTrue(argmax == Math.floor(apexBin) || argmax == Math.ceil(apexBin),
                    "filter " + i + ": peak at bin " + argmax + ", apex at bin " + apexBin);
            assertTrue(w[i][argmax] <= 2 / (e[i + 2] - e[i]) + 1e-15);
        }
    }

    @Test
    void wideFiltersHaveUnitAreaInHertz() {
        double[] e = BANK.edgesHz();
        double[][] w = BANK.weights();
        int checked = 0;
        for (int i = 0; i < 128; i++) {
            if (e[i + 2] - e[i] < 20 * BIN_HZ) continue;  // too few samples for a Riemann sum
            double area = 0;
            for (double v : w[i]) area += v * BIN_HZ;
            assertEquals(1.0, area, 0.01, "filter " + i);
            checked++;
        }
        assertTrue(checked >= 30, "only " + checked + " wide filters");
    }

    @Test
    void applyingToASingleBinPicksThatColumn() {
        double[][] spectrum = new double[1025][3];
        spectrum[100][1] = 2.0;  // 2153 Hz in frame 1
        double[][] mel = BANK.apply(spectrum);
        double[][] w = BANK.weights();
        for (int i = 0; i < 128; i++) {
            assertArrayEquals(new double[] {0, 2 * w[i][100], 0}, mel[i], 1e-15);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BANK.apply(new double[1024][1]));
        assertTrue(e.getMessage().contains("1024") && e.getMessage().contains("1025"), e.getMessage());
    }

    @Test
    void weightsAreACopy() {
        BANK.weights()[5][10] = 123;
        assertTrue(BANK.weights()[5][10] < 1);
    }
}
