package tandem.emotion.audio;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MfccExtractorTest {

    @TempDir Path dir;

    private Path toneFile(String name, int rate, double seconds) throws IOException {
        float[] y = new float[(int) Math.round(rate * seconds)];
        for (int i = 0; i < y.length; i++) {
            double t = i / (double) rate;
            y[i] = (float) (0.4 * Math.sin(2 * Math.PI * 440 * t) + 0.2 * Math.sin(2 * Math.PI * 2500 * t) * t);
        }
        Path file = dir.resolve(name);
        WavWriter.writePcm16(file, y, rate);
        return file;
    }

    @Test
    void msafCropIs13By212AndEqualsResampleThenSlice() throws IOException {
        Path file = toneFile("voice.wav", 48000, 3.5);
        float[][] c = MfccExtractor.fromFile(file, 0.5, 2.45, 44100);
        assertEquals(13, c.length);
        assertEquals(212, c[0].length);

        float[] whole = Resampler.resample(WavReader.read(file).samples(), 48000, 44100);
        float[] slice = Arrays.copyOfRange(whole, 22050, 22050 + 108045);
        float[][] expected = new Mfcc(MfccConfig.librosaDefaults(44100)).compute(slice);
        for (int j = 0; j < 13; j++) {
            for (int t = 0; t < 212; t++) assertEquals(expected[j][t], c[j][t], 1e-4 + 1e-6 * Math.abs(expected[j][t]));
        }
    }

    @Test
    void cropPastTheEndIsZeroPadded() throws IOException {
        Path file = toneFile("short.wav", 16000, 1.0);
        float[] crop = MfccExtractor.crop(WavReader.read(file), 0.5, 2.45, 44100, "short.wav");
        assertEquals(108045, crop.length);
        for (int i = 22050; i < crop.length; i++) assertEquals(0f, crop[i], 0f, "sample " + i);
        assertTrue(Math.abs(crop[1000]) > 0);

        float[][] c = MfccExtractor.fromFile(file, 0.5, 2.45, 44100);
        assertEquals(212, c[0].length);
        // frames whose window lies wholly in the padding are the top_db floor: c1.. vanish
        for (int t = (22050 + 1024) / 512 + 1; t < 212; t++) {
            for (int j = 1; j < 13; j++) assertEquals(0, c[j][t], 1e-3);
            assertEquals(c[0][211], c[0][t], 1e-4);
        }
    }

    @Test
    void emptyCropIsRefusedNamingTheFile() throws IOException {
        Path file = toneFile("brief.wav", 16000, 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MfccExtractor.fromFile(file, 1.5, 2.45, 44100));
        assertTrue(e.getMessage().contains("brief.wav") && e.getMessage().contains("empty")
                && e.getMessage().contains("1.000 s"), e.getMessage());
    }

    @Test
    void badCropArgumentsAreRefused() throws IOException {
        Path file = toneFile("ok.wav", 16000, 1.0);
        assertThrows(IllegalArgumentException.class, () -> MfccExtractor.fromFile(file, -0.1, 1, 16000));
        assertThrows(IllegalArgumentException.class, () -> MfccExtractor.fromFile(file, 0, 0, 16000));
        assertThrows(IllegalArgumentException.class, () -> MfccExtractor.fromFile(file, Double.NaN, 1, 16000));
        assertThrows(NoSuchFileException.class, () -> MfccExtractor.fromFile(dir.resolve("none.wav"), 0, 1, 16000));
    }

    @Test
    void sameRateNeedsNoResampling() throws IOException {
        Path file = toneFile("native.wav", 16000, 1.0);
        AudioClip clip = WavReader.read(file);
        float[] crop = MfccExtractor.crop(clip, 0.25, 0.5, 16000, "native.wav");
        for (int i = 0; i < crop.length; i++) assertEquals(clip.samples()[4000 + i], crop[i], 0f);
    }
}
