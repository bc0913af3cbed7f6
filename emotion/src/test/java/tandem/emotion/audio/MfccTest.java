package tandem.emotion.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MfccTest {

    private static final Mfcc MSAF = new Mfcc(MfccConfig.librosaDefaults(44100));

    private static float[] tone(double hz, int rate, int samples) {
        float[] y = new float[samples];
        for (int i = 0; i < samples; i++) y[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
        return y;
    }

    @Test
    void msafClipGives13By212() {
        float[][] c = MSAF.compute(tone(440, 44100, 108045));  // 2.45 s at 44.1 kHz
        assertEquals(13, c.length);
        for (float[] row : c) assertEquals(212, row.length);
        assertEquals(212, MfccConfig.librosaDefaults(44100).frameCount(108045));
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(doubles = {440, 3000, 8000})
    void aToneLandsInTheBandAroundItsFrequency(double hz) {
        float[][] mel = MSAF.melSpectrogram(tone(hz, 44100, 44100));
        double[] e = MSAF.filterbank().edgesHz();
        for (int t = 4; t < mel[0].length - 4; t++) {
            int best = 0;
            for (int i = 1; i < mel.length; i++) if (mel[i][t] > mel[best][t]) best = i;
            assertTrue(e[best] < hz && hz < e[best + 2], "frame " + t + ": band " + best + " spans "
                    + e[best] + ".." + e[best + 2] + " Hz");
            // of the bands covering hz, the loudest is one of the two whose apex is nearest
            assertTrue(Math.abs(e[best + 1] - hz) <= e[best + 2] - e[best], "frame " + t + ": apex " + e[best + 1]);
        }
    }

    @Test
    void silenceSitsAtTheAminFloorAndHasOnlyC0() {
        float[] silence = new float[22050];
        float[][] logMel = MSAF.logMelSpectrogram(silence);
        for (float[] row : logMel) for (float v : row) assertEquals(-100f, v, 0f);
        float[][] c = MSAF.compute(silence);
        for (int t = 0; t < c[0].length; t++) {
            // a constant -100 dB column: c0 = -100 * 128 / sqrt(128)
            assertEquals(-100 * Math.sqrt(128), c[0][t], 1e-3);
            for (int j = 1; j < 13; j++) assertEquals(0, c[j][t], 1e-3, "c" + j + " frame " + t);
        }
    }

    @Test
    void silentFramesAfterSoundAreClippedToTopDbBelowTheMaximum() {
        float[] y = new float[44100];
        System.arraycopy(tone(1000, 44100, 22050), 0, y, 0, 22050);
        float[][] logMel = MSAF.logMelSpectrogram(y);
        float max = Float.NEGATIVE_INFINITY;
        for (float[] row : logMel) for (float v : row) max = Math.max(max, v);
        float[][] c = MSAF.compute(y);
        int firstSilent = (22050 + 1024) / 512 + 1;  // window entirely past the tone
        for (int t = firstSilent; t < logMel[0].length; t++) {
            for (int i = 0; i < 128; i++) assertEquals(max - 80, logMel[i][t], 1e-4, "band " + i + " frame " + t);
            assertEquals((max - 80) * Math.sqrt(128), c[0][t], 1e-3);
            for (int j = 1; j < 13; j++) assertEquals(0, c[j][t], 1e-3);
        }
    }

    @Test
    void constantSignalReachesOnlyTheBandsOverBinsZeroAndOne() {
        MfccConfig config = MfccConfig.librosaDefaults(22050);
        Mfcc mfcc = new Mfcc(config);
        float[] y = new float[22050];
        Arrays.fill(y, 0.5f);
        float[][] mel = mfcc.melSpectrogram(y);
        double[][] w = mfcc.filterbank().weights();
        // periodic Hann: |X0|^2 = (0.5 N/2)^2, |X1|^2 = (0.5 N/4)^2, all other bins zero
        double p0 = Math.pow(512, 2), p1 = Math.pow(256, 2);
        int t = 10;
        int reached = 0;
        for (int i = 0; i < 128; i++) {
            double expected = w[i][0] * p0 + w[i][1] * p1;
            assertEquals(expected, mel[i][t], 1e-6 * p0 * w[i][1] + 1e-9, "band " + i);
            if (expected > 0) reached++;
        }
        // bin 1 is 10.8 Hz; Slaney bands are ~27 Hz apart there, so one or two bands see it
        assertTrue(reached >= 1 && reached <= 2, reached + " bands reached");
    }

    @Test
    void configRejectsImpossibleParameters() {
        assertThrows(IllegalArgumentException.class, () -> new MfccConfig(16000, 20, 512, 128, 16, 0, 8000, 80));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MfccConfig(16000, 13, 512, 128, 40, 0, 9000, 80));
        assertTrue(e.getMessage().contains("fmax 9000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MSAF.compute(new float[0]));
    }

    @Test
    void withSampleRateKeepsTheBandFull() {
        MfccConfig c = MfccConfig.librosaDefaults(44100).withSampleRate(16000);
        assertEquals(8000.0, c.fMax(), 0);
        assertEquals(13, c.nMfcc());
    }
}
