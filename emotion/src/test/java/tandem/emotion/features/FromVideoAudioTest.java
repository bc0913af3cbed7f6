package tandem.emotion.features;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.emotion.data.ManifestEntry;
import tandem.emotion.infer.ClipLoader;
import tandem.emotion.synth.CorpusGenerator;
import tandem.emotion.synth.SynthClip;
import tandem.emotion.synth.SynthConfig;
import tandem.emotion.synth.SynthCorpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code from-video}: features from the MP4's AAC track nearly equal those from the WAV it was encoded from, the
 * video features are identical, and a video without sound is named when the manifest asks for its track.
 */
class FromVideoAudioTest {
    /**
     * MFCC tolerance, |x - ref| <= ATOL + RTOL |ref|. The coefficients span about [-700, 250]; AAC at 96 kb/s alters
     * the spectrum mostly in near-silent bands, which the dB scale magnifies, so allow a few dB-like units.
     */
    static final float ATOL = 6f, RTOL = 0.05f;
    /** And on average the two must agree much more closely than the worst coefficient. */
    static final double MEAN_ABS_LIMIT = 1.0;

    @TempDir
    static Path dir;
    static SynthCorpus corpus;

    @BeforeAll
    static void corpus() throws IOException {
        corpus = CorpusGenerator.generate(dir.resolve("corpus"), SynthConfig.defaults().withSubjects(1).withClipsPerClass(1)
                .withClipSeconds(1.6).withFrameSize(32, 32).withSeed(13).withAudioInVideo(true));
    }

    @Test void featuresFromTheTrackNearlyEqualThoseFromTheWav() throws IOException {
        FeatureExtractor fx = new FeatureExtractor(FeatureExtractorTest.INPUT);
        for (int k = 0; k < corpus.clips().size(); k++) {
            ManifestEntry fromVideo = corpus.manifest().entries().get(k);
            SynthClip clip = corpus.clips().get(k);
            assertTrue(fromVideo.audioFromVideo());
            ManifestEntry withWav = new ManifestEntry(fromVideo.clip(), fromVideo.video(), Optional.of(clip.audio()),
                    fromVideo.label(), fromVideo.subject(), OptionalDouble.empty(), OptionalDouble.empty());
            List<Sample> a = fx.extractClip(k, fromVideo), b = fx.extractClip(k, withWav);
            assertEquals(b.size(), a.size());
            assertTrue(a.size() >= 1);
            for (int s = 0; s < a.size(); s++) {
                assertArrayEquals(b.get(s).video(), a.get(s).video(), 0f, "video features are untouched by the audio stream");
                assertClose(b.get(s).audio(), a.get(s).audio(), clip.clipId() + " sub-segment " + s);
            }
        }
        // The tolerance tells clips apart: another clip's voice is far outside it.
        float[] anger = fx.extractClip(0, corpus.manifest().entries().get(0)).get(0).audio();
        float[] sad = fx.extractClip(3, corpus.manifest().entries().get(3)).get(0).audio();
        double mean = meanAbsDifference(anger, sad);
        assertTrue(mean > 5 * MEAN_ABS_LIMIT, "different clips differ by only " + mean + " on average");
    }

    static double meanAbsDifference(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
        return sum / a.length;
    }

    @Test void clipLoaderFallsBackToTheTrackWhenNoWavIsFound() throws IOException {
        SynthClip clip = corpus.clips().get(0);
        Path lonely = Files.createDirectories(dir.resolve("elsewhere").resolve("clips")).resolve("x.mp4");
        Files.copy(clip.video(), lonely);
        assertEquals(lonely, ClipLoader.audioFor(lonely, null, null), "the video's own track is its audio");
        List<Sample> fromTrack = ClipLoader.load(FeatureExtractorTest.INPUT, lonely, lonely);
        List<Sample> fromWav = ClipLoader.load(FeatureExtractorTest.INPUT, lonely, clip.audio());
        assertEquals(fromWav.size(), fromTrack.size());
        for (int s = 0; s < fromTrack.size(); s++) assertClose(fromWav.get(s).audio(), fromTrack.get(s).audio(), "sub-segment " + s);
    }

    @Test void aFromVideoClipWhoseVideoHasNoSoundIsNamed() throws IOException {
        Path plain = dir.resolve("plain");
        SynthCorpus silent = CorpusGenerator.generate(plain, SynthConfig.defaults().withSubjects(1).withClipsPerClass(1)
                .withClipSeconds(1.6).withFrameSize(32, 32).withSeed(13));
        ManifestEntry e = silent.manifest().entries().get(0);
        assertTrue(e.audio().isPresent(), "the default corpus names its WAVs");
        ManifestEntry fromVideo = new ManifestEntry(e.clip(), e.video(), Optional.empty(), e.label(), e.subject(),
                OptionalDouble.empty(), OptionalDouble.empty());
        IOException err = assertThrows(IOException.class, () -> new FeatureExtractor(FeatureExtractorTest.INPUT).extractClip(0, fromVideo));
        assertTrue(err.getMessage().contains(e.video().getFileName().toString()) && err.getMessage().contains("no audio track"),
                err.getMessage());

        Path lonely = Files.createDirectories(dir.resolve("mute")).resolve("m.mp4");
        Files.copy(e.video(), lonely);
        IOException none = assertThrows(IOException.class, () -> ClipLoader.audioFor(lonely, null, null));
        assertTrue(none.getMessage().contains("m.mp4") && none.getMessage().contains("no audio track"), none.getMessage());
    }

    static void assertClose(float[] ref, float[] got, String what) {
        assertEquals(ref.length, got.length, what);
        for (int i = 0; i < ref.length; i++) {
            float diff = Math.abs(got[i] - ref[i]);
            assertTrue(diff <= ATOL + RTOL * Math.abs(ref[i]),
                    what + ": MFCC " + i + " is " + got[i] + " from the track, " + ref[i] + " from the WAV");
        }
        double mean = meanAbsDifference(ref, got);
        assertTrue(mean <= MEAN_ABS_LIMIT, what + ": mean |difference| " + mean + " > " + MEAN_ABS_LIMIT);
    }
}
