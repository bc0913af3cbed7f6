package tandem.emotion.synth;

import tandem.emotion.data.Emotion;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tandem.emotion.data.Manifest;
import tandem.emotion.data.ManifestEntry;
import tandem.emotion.video.VideoInfo;
import tandem.emotion.video.VideoReader;

class CorpusGeneratorTest {
    /** 2 subjects x 4 classes x 1 clip of 1.6 s, no ambiguous clips, default nuisances. */
    static final SynthConfig TINY = SynthConfig.defaults().withSubjects(2).withClipsPerClass(1).withClipSeconds(1.6)
            .withFrameSize(64, 64).withAmbiguousFraction(0).withSeed(7).withThreads(2);

    @TempDir static Path root;
    static SynthCorpus corpus;

    @BeforeAll
    static void generate() throws IOException {
        corpus = CorpusGenerator.generate(root.resolve("a"), TINY);
    }

    @Test
    void writesAManifestThatReadsBack() throws IOException {
        Manifest manifest = Manifest.read(root.resolve("a").resolve(CorpusGenerator.MANIFEST_FILE));
        assertEquals(8, manifest.entries().size());
        assertEquals(corpus.manifest().entries(), manifest.entries());
        for (ManifestEntry e : manifest.entries()) {
            assertTrue(e.clip().startsWith(e.subject() + "-" + e.label()), e.clip());
            assertTrue(e.audio().isPresent());
        }
        for (Emotion e : Emotion.values()) assertEquals(2, manifest.clipsPerLabel().get(e.label()), "clips of " + e);
        assertTrue(Files.exists(root.resolve("a").resolve(CorpusGenerator.DETAILS_FILE)));
    }

    @Test
    void videosDecodeWithTheConfiguredShapeAndMovingContent() throws IOException {
        for (ManifestEntry e : corpus.manifest().entries()) {
            try (VideoReader reader = VideoReader.open(e.video())) {
                VideoInfo info = reader.info();
                assertEquals(TINY.framesPerClip(), info.frameCount(), e.clip());
                assertEquals(40, info.frameCount());
                assertEquals(TINY.fps(), info.fps(), 1e-9);
                assertEquals(64, info.width());
                assertEquals(64, info.height());
                List<BufferedImage> frames = reader.readAll();
                assertEquals(40, frames.size());
                double spatial = VideoMeasures.spatialStd(frames.get(20));
                double temporal = VideoMeasures.meanTemporalStd(frames);
                assertTrue(spatial > 20, e.clip() + ": a face, not a flat frame (pixel std " + spatial + ")");
                assertTrue(temporal > 1.0, e.clip() + ": frames change over time (temporal std " + temporal + ")");
            }
        }
    }

    @Test
    void wavsAre16BitMonoSpeechLikeSignals() throws IOException {
        for (SynthClip c : corpus.clips()) {
            AudioMeasures.Wav wav = AudioMeasures.read(c.audio());
            assertEquals(16, wav.format().getSampleSizeInBits());
            assertEquals(1, wav.format().getChannels());
            assertEquals(TINY.sampleRate(), wav.format().getSampleRate(), 0);
            assertEquals(Math.round(TINY.clipSeconds() * TINY.sampleRate()), wav.samples().length);
            double rms = AudioMeasures.rms(wav.samples(), 0, wav.samples().length);
            assertTrue(rms > 0.01 && rms < 0.3, c.clipId() + ": rms " + rms);
            double pitch = AudioMeasures.medianPitchHz(wav.samples(), TINY.sampleRate());
            assertTrue(pitch > 180 && pitch < 480, c.clipId() + ": pitch " + pitch + " Hz is not a child's voice");
        }
    }

    @Test
    void sameSeedGivesIdenticalFilesAndFrames() throws IOException {
        SynthCorpus again = CorpusGenerator.generate(root.resolve("b"), TINY.withThreads(1));
        for (int i = 0; i < corpus.clips().size(); i++) {
            SynthClip a = corpus.clips().get(i);
            SynthClip b = again.clips().get(i);
            assertArrayEquals(Files.readAllBytes(a.audio()), Files.readAllBytes(b.audio()), a.clipId() + " wav");
            try (VideoReader ra = VideoReader.open(a.video()); VideoReader rb = VideoReader.open(b.video())) {
                List<BufferedImage> fa = ra.readAll();
                List<BufferedImage> fb = rb.readAll();
                assertEquals(fa.size(), fb.size());
                for (int k = 0; k < fa.size(); k++) {
                    assertArrayEquals(VideoMeasures.pixels(fa.get(k)), VideoMeasures.pixels(fb.get(k)), a.clipId() + " frame " + k);
                }
            }
        }
    }

    @Test
    void joyIsHigherAndLouderThanSadForEachSubject() throws IOException {
        for (String subject : List.of("s01", "s02")) {
            AudioMeasures.Wav joy = AudioMeasures.read(clip(subject, Emotion.JOY).audio());
            AudioMeasures.Wav sad = AudioMeasures.read(clip(subject, Emotion.SAD).audio());
            double joyPitch = AudioMeasures.medianPitchHz(joy.samples(), TINY.sampleRate());
            double sadPitch = AudioMeasures.medianPitchHz(sad.samples(), TINY.sampleRate());
            assertTrue(joyPitch > 1.08 * sadPitch, subject + ": joy " + joyPitch + " Hz vs sad " + sadPitch + " Hz");
            double joyRms = AudioMeasures.rms(joy.samples(), 0, joy.samples().length);
            double sadRms = AudioMeasures.rms(sad.samples(), 0, sad.samples().length);
            assertTrue(joyRms > 1.1 * sadRms, subject + ": joy rms " + joyRms + " vs sad " + sadRms);
        }
    }

    @Test
    void mouthInTheVideoFollowsTheVoice() throws IOException {
        for (SynthClip c : corpus.clips()) {
            float[] samples = AudioMeasures.read(c.audio()).samples();
            try (VideoReader reader = VideoReader.open(c.video())) {
                List<BufferedImage> frames = reader.readAll();
                double[] mouth = new double[frames.size()];
                for (int k = 0; k < frames.size(); k++) mouth[k] = VideoMeasures.mouthInteriorPixels(frames.get(k));
                // Loudness at the time the face shows: frame time plus the clip's lead of face over voice.
                double[] loudness = loudnessAt(samples, frames.size(), c.avLagMs() / 1000);
                double r = VideoMeasures.correlation(mouth, loudness);
                assertTrue(r > 0.5, c.clipId() + ": mouth opening vs voice loudness correlation " + r);
                if (c.label() == Emotion.ANGER || c.label() == Emotion.SAD) {
                    // In these classes one modality leads by 100-250 ms: ignoring the lag must cost.
                    double r0 = VideoMeasures.correlation(mouth, loudnessAt(samples, frames.size(), 0));
                    assertTrue(r > r0 + 0.2, c.clipId() + ": correlation " + r + " at the clip's lag, " + r0 + " at none");
                }
            }
        }
    }

    @Test
    void refusesAForeignFolderUnlessAskedAndRegeneratesItsOwn() throws IOException {
        Path foreign = Files.createDirectories(root.resolve("foreign"));
        Files.writeString(foreign.resolve("thesis.tex"), "precious");
        SynthConfig small = TINY.withSubjects(1).withClipSeconds(0.2);
        IOException e = assertThrows(IOException.class, () -> CorpusGenerator.generate(foreign, small));
        assertTrue(e.getMessage().contains("foreign") && e.getMessage().contains("overwrite"), e.getMessage());
        assertEquals(List.of(foreign.resolve("thesis.tex")), Files.list(foreign).toList());

        CorpusGenerator.generate(foreign, small.withOverwrite(true));
        assertEquals("precious", Files.readString(foreign.resolve("thesis.tex")));
        // Now it carries the marker: writing again needs no flag.
        SynthCorpus again = CorpusGenerator.generate(foreign, small);
        assertEquals(4, again.clips().size());
    }

    /** Voice loudness around each frame's time shifted by {@code lagSeconds}. */
    private static double[] loudnessAt(float[] samples, int frames, double lagSeconds) {
        double[] out = new double[frames];
        int window = TINY.sampleRate() / 25;
        for (int k = 0; k < frames; k++) {
            int centre = (int) Math.round((k / TINY.fps() + lagSeconds) * TINY.sampleRate());
            int from = Math.max(0, centre - window / 2);
            int to = Math.min(samples.length, centre + window / 2);
            out[k] = to > from ? AudioMeasures.rms(samples, from, to) : 0;
        }
        return out;
    }

    private static SynthClip clip(String subject, Emotion label) {
        return corpus.clips().stream().filter(c -> c.subjectId().equals(subject) && c.label() == label).findFirst()
                .orElseThrow();
    }
}
