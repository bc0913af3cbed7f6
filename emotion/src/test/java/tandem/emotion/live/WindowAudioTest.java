package tandem.emotion.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tandem.emotion.audio.Resampler;
import tandem.emotion.features.FeatureExtractor;

/**
 * A window's sound resampled from just the excerpt a stream holds equals, sample for sample, what {@code predict}
 * cuts from the whole track resampled at once, at the track's start, in its middle and over its end.
 */
class WindowAudioTest {
    private static final int MODEL_RATE = 16000;

    @Test
    void excerptsResampleExactlyAsTheWholeTrack() {
        for (int streamRate : new int[] {16000, 44100, 48000, 8000}) {
            float[] track = noise(Math.round(3.3f * streamRate), streamRate);
            float[] whole = Resampler.resample(track, streamRate, MODEL_RATE);
            WindowAudio audio = new WindowAudio(streamRate, MODEL_RATE);
            for (double start : new double[] {0, 0.04, 0.4, 1.16, 2.12, 2.5}) {
                double end = start + 1.2;
                long[] range = audio.inputRange(start, end);
                long to = Math.min(range[1], track.length);   // past the track's end there is nothing to hold
                float[] excerpt = Arrays.copyOfRange(track, (int) range[0], (int) Math.max(range[0], to));
                float[] span = audio.span(new WindowInput.AudioExcerpt(excerpt, range[0], streamRate), start, end);
                float[] expected = FeatureExtractor.audioSpan(whole, 0, start, end, MODEL_RATE);
                assertEquals(Math.round(end * MODEL_RATE) - Math.round(start * MODEL_RATE), span.length);
                assertArrayEquals(expected, span, 0f, streamRate + " Hz, window at " + start + " s");
            }
        }
    }

    @Test
    void theExcerptCoversTheResamplersReachOnBothSides() {
        WindowAudio audio = new WindowAudio(44100, MODEL_RATE);
        int reach = new Resampler(44100, MODEL_RATE).reach();
        long[] range = audio.inputRange(1.0, 2.2);
        // output samples 16000 .. 35199 sit at input positions 44100 .. 97017.2
        assertTrue(range[0] <= 44100 - reach && range[1] >= 97018 + reach, Arrays.toString(range) + " reach " + reach);
        assertEquals(0, new WindowAudio(16000, MODEL_RATE).inputRange(0, 1.2)[0]);
    }

    private static float[] noise(int n, int rate) {
        SplittableRandom r = new SplittableRandom(rate);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 220 * i / rate) + 0.3 * (r.nextDouble() - 0.5));
        return x;
    }
}
