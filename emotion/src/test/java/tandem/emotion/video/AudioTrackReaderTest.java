package tandem.emotion.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.Buffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.global.avutil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.emotion.audio.AudioClip;
import tandem.emotion.audio.WavReader;
import tandem.emotion.audio.WavWriter;
import tandem.emotion.data.ManifestEntry;
import tandem.emotion.synth.CorpusGenerator;
import tandem.emotion.synth.SynthClip;
import tandem.emotion.synth.SynthConfig;
import tandem.emotion.synth.SynthCorpus;

/**
 * The synthetic corpus with its voice muxed into the MP4 as AAC: the track read back matches the WAV written beside
 * it (rate, length, waveform up to lossy coding); every sample format FFmpeg can hand out mixes to the same mono; a
 * video without sound and a corrupt file are named in the error.
 */
class AudioTrackReaderTest {
    static final double FPS = 25;
    @TempDir
    static Path dir;
    static SynthCorpus corpus;

    @BeforeAll
    static void corpus() throws IOException {
        corpus = CorpusGenerator.generate(dir.resolve("corpus"), SynthConfig.defaults().withSubjects(1).withClipsPerClass(1)
                .withClipSeconds(1.6).withFrameSize(32, 32).withSeed(11).withAudioInVideo(true));
    }

    @Test void theManifestSaysFromVideoAndTheTrackMatchesTheWav() throws IOException {
        assertEquals(4, corpus.clips().size());
        for (ManifestEntry e : corpus.manifest().entries()) assertTrue(e.audioFromVideo(), e.clip() + " should be from-video");
        for (SynthClip c : corpus.clips()) {
            AudioClip wav = WavReader.read(c.audio()), track = AudioTrackReader.read(c.video());
            assertEquals(wav.sampleRate(), track.sampleRate(), c.clipId() + " sample rate");
            int oneFrame = (int) Math.round(wav.sampleRate() / FPS);
            assertTrue(Math.abs(track.length() - wav.length()) <= oneFrame,
                    c.clipId() + ": track has " + track.length() + " samples, WAV " + wav.length() + " (one frame is " + oneFrame + ")");
            double r = correlation(wav.samples(), track.samples());
            assertTrue(r > 0.9, c.clipId() + ": decoded track correlates " + r + " with the WAV, expected > 0.9");
            for (float v : track.samples()) assertTrue(v >= -1f && v <= 1f, "sample " + v + " outside [-1, 1]");
            // The video itself is unchanged by the extra stream.
            VideoInfo info = VideoReader.info(c.video());
            assertEquals(40, info.frameCount(), c.clipId() + " frames");
        }
    }

    @Test void everySampleFormatMixesToTheSameMono() throws IOException {
        Path mp4 = corpus.clips().get(0).video();
        float[] reference = AudioTrackReader.read(mp4).samples();
        int[] formats = {avutil.AV_SAMPLE_FMT_S16, avutil.AV_SAMPLE_FMT_S16P, avutil.AV_SAMPLE_FMT_FLTP, avutil.AV_SAMPLE_FMT_S32,
            avutil.AV_SAMPLE_FMT_DBL};
        for (int format : formats) {
            float[] other = AudioTrackReader.read(mp4, format).samples();
            // 16-bit quantisation is the largest difference: half a step, plus rounding slack.
            assertArrayEquals(reference, other, 1.5f / 32768, "sample format " + avutil.av_get_sample_fmt_name(format).getString());
        }
    }

    @Test void channelsAreAveragedFromInterleavedAndPlanarBuffers() {
        // Interleaved 16-bit stereo: (L, R) pairs.
        short[] lr = {16384, 0, -32768, -32768, 8192, -8192};
        float[] mono = AudioTrackReader.toMono(new Buffer[] {ShortBuffer.wrap(lr)}, 2);
        assertArrayEquals(new float[] {0.25f, -1f, 0f}, mono, 0f);
        // Planar float stereo: one buffer per channel.
        FloatBuffer left = FloatBuffer.wrap(new float[] {1f, 0.5f}), right = FloatBuffer.wrap(new float[] {0f, -0.5f});
        assertArrayEquals(new float[] {0.5f, 0f}, AudioTrackReader.toMono(new Buffer[] {left, right}, 2), 0f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AudioTrackReader.toMono(new Buffer[] {left, right}, 3));
        assertTrue(e.getMessage().contains("2 planes for 3 channels"), e.getMessage());
    }

    @Test void aVideoWithoutSoundAndACorruptFileAreNamed() throws IOException {
        Path silent = dir.resolve("silent.mp4");
        try (VideoWriter out = VideoWriter.create(silent, 32, 32, FPS)) {
            for (int i = 0; i < 10; i++) out.write(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB));
            out.finish();
        }
        assertFalse(AudioTrackReader.hasAudioTrack(silent));
        assertTrue(AudioTrackReader.hasAudioTrack(corpus.clips().get(0).video()));
        MediaFileException none = assertThrows(MediaFileException.class, () -> AudioTrackReader.read(silent));
        assertTrue(none.getMessage().contains("silent.mp4") && none.getMessage().contains("no audio track"), none.getMessage());

        Path corrupt = dir.resolve("corrupt.mp4");
        Files.writeString(corrupt, "not a video ".repeat(50));
        MediaFileException bad = assertThrows(MediaFileException.class, () -> AudioTrackReader.read(corrupt));
        assertTrue(bad.getMessage().contains("corrupt.mp4") && bad.getMessage().contains("cannot open"), bad.getMessage());
        assertFalse(AudioTrackReader.hasAudioTrack(corrupt));

        MediaFileException folder = assertThrows(MediaFileException.class, () -> AudioTrackReader.read(dir));
        assertTrue(folder.getMessage().contains("no audio track"), folder.getMessage());
        MediaFileException missing = assertThrows(MediaFileException.class, () -> AudioTrackReader.read(dir.resolve("gone.mp4")));
        assertTrue(missing.getMessage().contains("gone.mp4: file not found"), missing.getMessage());
    }

    @Test void aNanSampleIsNamedWithItsTime() throws IOException {
        // FFmpeg opens a float WAV like any container; FLT decoding passes a NaN through untouched.
        Path wav = dir.resolve("nan.wav");
        WavWriter.writeFloat32(wav, new float[16000], 16000);
        byte[] b = Files.readAllBytes(wav);
        int at = b.length - 4 * (16000 - 8000);                                  // sample 8000, little-endian
        int nan = Float.floatToRawIntBits(Float.NaN);
        for (int i = 0; i < 4; i++) b[at + i] = (byte) (nan >>> (8 * i));
        Files.write(wav, b);
        MediaFileException e = assertThrows(MediaFileException.class, () -> AudioTrackReader.read(wav));
        assertTrue(e.getMessage().contains("nan.wav") && e.getMessage().contains("NaN sample at 0.500 s"), e.getMessage());
    }

    /** Pearson correlation over the common length. */
    static double correlation(float[] a, float[] b) {
        int n = Math.min(a.length, b.length);
        double ma = Arrays.stream(toDouble(a, n)).average().orElse(0), mb = Arrays.stream(toDouble(b, n)).average().orElse(0);
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < n; i++) {
            double x = a[i] - ma, y = b[i] - mb;
            sab += x * y;
            saa += x * x;
            sbb += y * y;
        }
        return sab / Math.sqrt(saa * sbb);
    }

    private static double[] toDouble(float[] v, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = v[i];
        return d;
    }
}
