package tandem.emotion.audio;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PowerSpectrogramTest {

    @Test
    void periodicHannOfEight() {
        // 0.5 - 0.5 cos(2 pi n / 8): the period is 8, so the window never returns to 0 at its end
        double h = 0.5 - 0.5 * Math.cos(Math.PI / 4), g = 0.5 + 0.5 * Math.cos(Math.PI / 4);
        assertArrayEquals(new double[] {0, h, 0.5, g, 1, g, 0.5, h}, PowerSpectrogram.periodicHann(8), 1e-15);
    }

    @Test
    void frameCountOfTheMsafClip() {
        // 2.45 s at 44.1 kHz = 108045 samples; centred frames: 1 + floor(108045 / 512) = 212
        double[][] p = PowerSpectrogram.compute(new float[108045], 2048, 512);
        assertEquals(1025, p.length);
        assertEquals(212, p[0].length);
    }

    /** Direct DFT of each zero-padded, windowed frame. */
    private static double[][] naive(float[] y, int nFft, int hop) {
        double[] w = PowerSpectrogram.periodicHann(nFft);
        int frames = 1 + y.length / hop;
        double[][] p = new double[nFft / 2 + 1][frames];
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k <= nFft / 2; k++) {
                double re = 0, im = 0;
                for (int n = 0; n < nFft; n++) {
                    int i = t * hop - nFft / 2 + n;
                    double v = i >= 0 && i < y.length ? y[i] * w[n] : 0;
                    re += v * Math.cos(2 * Math.PI * k * n / nFft);
                    im -= v * Math.sin(2 * Math.PI * k * n / nFft);
                }
                p[k][t] = re * re + im * im;
            }
        }
        return p;
    }

    @ParameterizedTest(name = "n_fft {0}, hop {1}, {2} samples")
    @CsvSource({"64, 16, 300", "63, 10, 257", "2, 1, 5", "3, 2, 4"})
    void matchesADirectDftIncludingOddLengths(int nFft, int hop, int samples) {
        Random rng = new Random(nFft);
        float[] y = new float[samples];
        for (int i = 0; i < y.length; i++) y[i] = (float) rng.nextGaussian();
        double[][] expected = naive(y, nFft, hop);
        double[][] actual = PowerSpectrogram.compute(y, nFft, hop);
        assertEquals(expected.length, actual.length);
        for (int k = 0; k < expected.length; k++) {
            for (int t = 0; t < expected[k].length; t++) {
                assertEquals(expected[k][t], actual[k][t], 1e-9 + 1e-9 * expected[k][t], "bin " + k + ", frame " + t);
            }
        }
    }

    @Test
    void constantSignalFallsInBinsZeroAndOne() {
        // The periodic Hann window's spectrum is N/2 at bin 0, -N/4 at bins +-1 and exactly zero elsewhere.
        float[] y = new float[22050];
        Arrays.fill(y, 0.5f);
        double[][] p = PowerSpectrogram.compute(y, 2048, 512);
        double bin0 = Math.pow(0.5 * 2048 / 2, 2), bin1 = Math.pow(0.5 * 2048 / 4, 2);
        for (int t = 2; t < p[0].length - 2; t++) {  // frames clear of the zero padding
            assertEquals(bin0, p[0][t], 1e-9 * bin0);
            assertEquals(bin1, p[1][t], 1e-9 * bin1);
            for (int k = 2; k < p.length; k++) assertTrue(p[k][t] <= 1e-12 * bin0, "bin " + k + " frame " + t);
        }
    }

    @Test
    void emptySignalIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PowerSpectrogram.compute(new float[0], 2048, 512));
    }
}
