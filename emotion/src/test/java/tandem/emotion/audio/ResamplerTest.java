package tandem.emotion.audio;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResamplerTest {

    private static final double AMPLITUDE = 0.8;
    private static final double PHASE = 0.3;

    private static float[] tone(double hz, int rate, double seconds) {
        float[] x = new float[(int) Math.round(seconds * rate)];
        for (int i = 0; i < x.length; i++) x[i] = (float) (AMPLITUDE * Math.sin(2 * Math.PI * hz * i / rate + PHASE));
        return x;
    }

    /** Largest deviation from the ideal tone, away from the edges where the input stops. */
    private static double maxInteriorError(float[] y, double hz, int rate, int margin) {
        double worst = 0;
        for (int i = margin; i < y.length - margin; i++) {
            double ideal = AMPLITUDE * Math.sin(2 * Math.PI * hz * i / rate + PHASE);
            worst = Math.max(worst, Math.abs(y[i] - ideal));
        }
        return worst;
    }

    private static double interiorRms(float[] y, int margin) {
        double sum = 0;
        for (int i = margin; i < y.length - margin; i++) sum += (double) y[i] * y[i];
        return Math.sqrt(sum / (y.length - 2 * margin));
    }

    @ParameterizedTest
    @CsvSource({"44100,16000", "16000,44100", "48000,44100", "44100,22050", "8000,48000"})
    void oneKilohertzToneKeepsFrequencyAmplitudeAndPhase(int from, int to) {
        float[] y = Resampler.resample(tone(1000, from, 1.0), from, to);
        // Comparing against the ideal tone sampled at the new rate checks frequency, amplitude and timing at once.
        double atol = 1e-4;
        double err = maxInteriorError(y, 1000, to, to / 10);
        assertTrue(err <= atol, from + " -> " + to + ": max deviation " + err);
        double rms = interiorRms(y, to / 10);
        assertEquals(AMPLITUDE / Math.sqrt(2), rms, 1e-4 * AMPLITUDE);
    }

    @Test
    void rateRatioWithManyPhasesIsStillExact() {
        // 44100 -> 44099 has 44099 distinct phases: the taps are computed per sample, not cached.
        float[] y = Resampler.resample(tone(1000, 44100, 0.25), 44100, 44099);
        assertTrue(maxInteriorError(y, 1000, 44099, 2000) <= 1e-4);
    }

    @ParameterizedTest
    @CsvSource({"44100,8000,7000", "48000,16000,12000", "44100,16000,9000"})
    void tonesAboveTheNewNyquistAreRemovedNotAliased(int from, int to, double hz) {
        float[] y = Resampler.resample(tone(hz, from, 1.0), from, to);
        double rms = interiorRms(y, to / 10);
        // an aliased tone would keep its full rms of 0.57; require 100 dB below it
        assertTrue(rms <= 1e-5 * AMPLITUDE, hz + " Hz at " + from + " -> " + to + " leaks rms " + rms);
    }

    @Test
    void constantSignalStaysConstant() {
        float[] x = new float[20000];
        Arrays.fill(x, 0.5f);
        float[] y = Resampler.resample(x, 44100, 16000);
        for (int i = 1000; i < y.length - 1000; i++) assertEquals(0.5, y[i], 1e-6);
    }

    @ParameterizedTest
    @CsvSource({"44100,16000,108045", "16000,44100,1", "48000,44100,48000", "44100,16000,0", "22050,44100,7", "3,7,10"})
    void lengthScalesWithTheRatioRoundedUp(int from, int to, int n) {
        long expected = (long) Math.ceil((double) n * to / from - 1e-9);
        assertEquals(expected, new Resampler(from, to).outputLength(n));
        assertEquals(expected, Resampler.resample(new float[n], from, to).length);
    }

    @Test
    void matchingRatesGiveAnIdenticalCopy() {
        float[] x = tone(440, 16000, 0.1);
        float[] y = Resampler.resample(x, 16000, 16000);
        assertNotSame(x, y);
        assertArrayEquals(x, y, 0f);
    }

    @Test
    void aRangeEqualsTheSameSliceOfTheWholeAndPadsWithZeros() {
        float[] x = tone(1000, 48000, 0.2);
        Resampler r = new Resampler(48000, 44100);
        float[] whole = r.apply(x);
        float[] part = r.apply(x, 3000, 6000);  // runs 2820 samples past the end
        for (int j = 0; j < part.length; j++) {
            int i = 3000 + j;
            assertEquals(i < whole.length ? whole[i] : 0f, part[j], 0f, "sample " + i);
        }
        float[] before = r.apply(x, -5, 5);
        assertArrayEquals(new float[5], before, 0f);
    }

    @Test
    void badRatesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Resampler(0, 16000));
        assertTrue(e.getMessage().contains("0 Hz -> 16000 Hz"), e.getMessage());
    }

    @Test
    void besselI0MatchesKnownValues() {
        // I0(0) = 1; I0(1) = 1.2660658777520082; I0(10) = 2815.716628466254 (Abramowitz & Stegun, table 9.8)
        assertEquals(1.0, Resampler.besselI0(0), 0);
        assertEquals(1.2660658777520082, Resampler.besselI0(1), 1e-15);
        assertEquals(2815.716628466254, Resampler.besselI0(10), 1e-12 * 2815.7);
    }
}
