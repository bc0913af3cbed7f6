package tandem.emotion.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class WavRoundTripTest {

    @TempDir Path dir;

    private static float[] ramp(int n) {
        // Covers both extremes and values between quantisation steps.
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (-1.0 + 2.0 * i / (n - 1));
        return x;
    }

    @ParameterizedTest
    @EnumSource(WavSampleFormat.class)
    void everyFormatRoundTripsWithinItsQuantisationStep(WavSampleFormat format) throws IOException {
        float[] x = ramp(1001);
        Path file = dir.resolve("ramp-" + format + ".wav");
        WavWriter.write(file, new float[][] {x}, 22050, format);
        AudioClip clip = WavReader.read(file);
        assertEquals(22050, clip.sampleRate());
        assertEquals(x.length, clip.length());
        // writer scales by 2^(b-1)-1, reader divides by 2^(b-1): one step plus rounding
        double atol = format.isFloatingPoint() ? 0 : 1.5 / Math.pow(2, format.bitsPerSample() - 1);
        double rtol = format.isFloatingPoint() ? 0 : 1e-6;
        for (int i = 0; i < x.length; i++) {
            double err = Math.abs(clip.samples()[i] - x[i]);
            assertTrue(err <= atol + rtol * Math.abs(x[i]), format + " sample " + i + ": " + clip.samples()[i] + " vs " + x[i]);
            assertTrue(clip.samples()[i] >= -1f && clip.samples()[i] <= 1f);
        }
    }

    @Test
    void stereoIsAveragedToMono() throws IOException {
        float[] left = {0.5f, -0.25f, 1.0f, 0f};
        float[] right = {-0.5f, 0.75f, 0.0f, 0.125f};
        Path file = dir.resolve("stereo.wav");
        WavWriter.write(file, new float[][] {left, right}, 8000, WavSampleFormat.FLOAT_32);
        float[] mono = WavReader.read(file).samples();
        for (int i = 0; i < left.length; i++) assertEquals((left[i] + right[i]) / 2, mono[i], 0f);
    }

    @Test
    void pcm16KnownCodesDecodeToExactFractions() throws IOException {
        Path file = dir.resolve("codes.wav");
        Files.write(file, new RiffBytes().chunk("fmt ", RiffBytes.fmt(1, 1, 16000, 16))
                .chunk("data", RiffBytes.pcm16((short) 0, (short) 16384, (short) -32768, (short) 32767)).build());
        float[] x = WavReader.read(file).samples();
        assertEquals(0f, x[0], 0f);
        assertEquals(0.5f, x[1], 0f);
        assertEquals(-1f, x[2], 0f);
        assertEquals(32767f / 32768f, x[3], 0f);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})  // an odd-length chunk is followed by a pad byte
    void extensibleHeaderAfterAnUnknownChunkIsRead(int listBytes) throws IOException {
        Path file = dir.resolve("extensible-" + listBytes + ".wav");
        Files.write(file, new RiffBytes()
                .chunk("LIST", new byte[listBytes])
                .chunk("fmt ", RiffBytes.fmtExtensible(3, 1, 48000, 32))
                .chunk("data", RiffBytes.float32(0.25f, -0.75f)).build());
        AudioClip clip = WavReader.read(file);
        assertEquals(48000, clip.sampleRate());
        assertEquals(2, clip.length());
        assertEquals(0.25f, clip.samples()[0], 0f);
        assertEquals(-0.75f, clip.samples()[1], 0f);
    }

    @Test
    void doublePrecisionFloatIsRead() throws IOException {
        Path file = dir.resolve("float64.wav");
        Files.write(file, new RiffBytes().chunk("fmt ", RiffBytes.fmt(3, 2, 96000, 64))
                .chunk("data", RiffBytes.float64(0.5, -0.25, 0.125, 0.375)).build());
        AudioClip clip = WavReader.read(file);
        assertEquals(96000, clip.sampleRate());
        assertEquals(0.125f, clip.samples()[0], 0f);
        assertEquals(0.25f, clip.samples()[1], 0f);
    }

    @Test
    void extensibleIntegerPcmIsRead() throws IOException {
        Path file = dir.resolve("extensible-pcm.wav");
        Files.write(file, new RiffBytes().chunk("fmt ", RiffBytes.fmtExtensible(1, 1, 44100, 16))
                .chunk("data", RiffBytes.pcm16((short) -16384, (short) 8192)).build());
        float[] x = WavReader.read(file).samples();
        assertEquals(-0.5f, x[0], 0f);
        assertEquals(0.25f, x[1], 0f);
    }

    @Test
    void writerIsAtomicAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("nested/out.wav");
        WavWriter.writePcm16(file, new float[] {0.1f, 0.2f}, 16000);
        WavWriter.writePcm16(file, new float[] {0.3f, 0.4f, 0.5f}, 16000);  // replaces
        assertEquals(3, WavReader.read(file).length());
        try (Stream<Path> s = Files.list(file.getParent())) {
            assertEquals(List.of(file.getFileName()), s.map(Path::getFileName).toList());
        }
        assertEquals(44 + 3 * 2, Files.size(file));
    }

    @Test
    void writerRefusesNonFiniteSamplesAndLeavesNothingBehind() throws IOException {
        Path file = dir.resolve("bad.wav");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WavWriter.writeFloat32(file, new float[] {0f, Float.NaN}, 16000));
        assertTrue(e.getMessage().contains("bad.wav") && e.getMessage().contains("sample 1"), e.getMessage());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count());
        }
    }
}
