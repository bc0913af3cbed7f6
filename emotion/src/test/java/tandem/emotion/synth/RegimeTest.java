package tandem.emotion.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.emotion.data.Emotion;
import tandem.emotion.video.VideoReader;

/**
 * Each regime keeps its promise, checked first on what every clip was dealt (exactly) and then on the written files:
 * per-class statistics of a channel that does not code the class are equal across classes, and those of a channel that
 * does are apart.
 */
class RegimeTest {
    /** 2 subjects x 4 classes x 4 clips of 1.6 s: every dealt channel shows each class once per subject and label. */
    static final SynthConfig SMALL = SynthConfig.defaults().withSubjects(2).withClipsPerClass(4).withClipSeconds(1.6)
            .withFrameSize(64, 64).withAmbiguousFraction(0).withSeed(5).withThreads(2);

    @TempDir static Path root;
    static final Map<Regime, List<Measured>> MEASURED = new EnumMap<>(Regime.class);

    /** What the files of one clip show: pitch, loudness, mouth opening, and the lag that best aligns mouth and voice. */
    record Measured(SynthClip clip, double pitchHz, double rms, double mouthPixels, double lagMs) {}

    @BeforeAll
    static void generate() throws IOException {
        for (Regime r : List.of(Regime.NULL, Regime.APPEARANCE, Regime.VOICE, Regime.LAG)) {
            List<Measured> out = new ArrayList<>();
            for (SynthClip c : CorpusGenerator.generate(root.resolve(r.key()), SMALL.withRegime(r)).clips()) out.add(measure(c));
            MEASURED.put(r, out);
        }
    }

    @Test
    void everyChannelShowsWhatItsRegimeDeals() {
        for (Regime r : Regime.values()) {
            for (ClipPlan p : CorpusGenerator.plan(SMALL.withRegime(r))) {
                assertTrue(r.face().groupOf(p.label()).contains(p.faceShows()), r + " " + p.clipId() + " face " + p.faceShows());
                assertTrue(r.voice().groupOf(p.label()).contains(p.voiceShows()), r + " " + p.clipId() + " voice " + p.voiceShows());
            }
            // per subject and label, a dealt channel shows every candidate of the group equally often
            Map<String, Map<Emotion, Integer>> faces = new TreeMap<>(), voices = new TreeMap<>();
            for (ClipPlan p : CorpusGenerator.plan(SMALL.withRegime(r))) {
                faces.computeIfAbsent(p.subject().id() + "/" + p.label(), k -> new EnumMap<>(Emotion.class)).merge(p.faceShows(), 1, Integer::sum);
                voices.computeIfAbsent(p.subject().id() + "/" + p.label(), k -> new EnumMap<>(Emotion.class)).merge(p.voiceShows(), 1, Integer::sum);
            }
            for (var e : faces.entrySet()) {
                Emotion label = Emotion.fromLabel(e.getKey().substring(e.getKey().indexOf('/') + 1));
                assertEquals(r.face().groupOf(label).size(), e.getValue().size(), r + " " + e.getKey() + " faces " + e.getValue());
                assertTrue(e.getValue().values().stream().distinct().count() == 1, r + " " + e.getKey() + " faces " + e.getValue());
                Map<Emotion, Integer> v = voices.get(e.getKey());
                assertEquals(r.voice().groupOf(label).size(), v.size(), r + " " + e.getKey() + " voices " + v);
                assertTrue(v.values().stream().distinct().count() == 1, r + " " + e.getKey() + " voices " + v);
            }
        }
    }

    @Test
    void mixedIsTheDemoCorpusAndEveryChannelShowsTheLabel() {
        for (ClipPlan p : CorpusGenerator.plan(SynthConfig.defaults())) {
            assertEquals(p.label(), p.faceShows());
            assertEquals(p.label(), p.voiceShows());
        }
        assertEquals(Regime.MIXED, SynthConfig.defaults().regime());
    }

    @Test
    void complementaryPairsDifferInOneModalityOnly() {
        Regime c = Regime.COMPLEMENTARY;
        // anger and joy share their faces and differ in voice; anger and neutral share their voices and differ in face
        assertEquals(c.face().groupOf(Emotion.ANGER), c.face().groupOf(Emotion.JOY));
        assertTrue(!c.voice().groupOf(Emotion.ANGER).equals(c.voice().groupOf(Emotion.JOY)));
        assertEquals(c.voice().groupOf(Emotion.ANGER), c.voice().groupOf(Emotion.NEUTRAL));
        assertTrue(!c.face().groupOf(Emotion.ANGER).equals(c.face().groupOf(Emotion.NEUTRAL)));
    }

    @Test
    void unbalancedClipCountsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CorpusGenerator.generate(root.resolve("unbalanced"), SMALL.withClipsPerClass(3).withRegime(Regime.NULL)));
        assertTrue(e.getMessage().contains("null regime") && e.getMessage().contains("multiple of 4"), e.getMessage());
    }

    /** Pitch relative to the subject's mean: the voice regime sets classes apart, the others do not. */
    @Test
    void pitchCodesTheClassOnlyWhereTheVoiceDoes() {
        for (Regime r : MEASURED.keySet()) {
            Map<Emotion, Double> pitch = classMeans(r, m -> m.pitchHz / subjectMean(r, m.clip.subjectId(), x -> x.pitchHz));
            double spread = spread(pitch);
            if (r == Regime.VOICE) {
                assertTrue(pitch.get(Emotion.JOY) > 1.15 * pitch.get(Emotion.SAD), r + ": relative pitch per class " + pitch);
            } else {
                assertTrue(spread < 0.06, r + ": relative pitch per class " + pitch + " differs by " + spread);
            }
        }
    }

    /** Mouth opening (a face cue: anger opens widest, sad least) sets classes apart only where the face codes them. */
    @Test
    void mouthCodesTheClassOnlyWhereTheFaceDoes() {
        for (Regime r : MEASURED.keySet()) {
            Map<Emotion, Double> mouth = classMeans(r, m -> m.mouthPixels / subjectMean(r, m.clip.subjectId(), x -> x.mouthPixels));
            if (r == Regime.APPEARANCE) {
                assertTrue(mouth.get(Emotion.ANGER) > 1.3 * mouth.get(Emotion.SAD), r + ": relative mouth opening per class " + mouth);
            } else {
                assertTrue(spread(mouth) < 0.2, r + ": relative mouth opening per class " + mouth);
            }
        }
    }

    /** The lag that best aligns mouth and voice gives the class in the lag regime and only there. */
    @Test
    void measuredLagCodesTheClassOnlyInTheLagRegime() {
        for (Regime r : MEASURED.keySet()) {
            int hits = 0;
            List<Measured> clips = MEASURED.get(r);
            for (Measured m : clips) if (nearestLagClass(m.lagMs) == m.clip.label()) hits++;
            double share = (double) hits / clips.size();
            if (r == Regime.LAG) assertTrue(share >= 0.8, r + ": measured lag names the class in " + share + " of clips");
            else assertTrue(share < 0.5, r + ": measured lag names the class in " + share + " of clips");
        }
    }

    private static Emotion nearestLagClass(double lagMs) {
        Emotion best = Emotion.ANGER;
        for (Emotion e : Emotion.values()) if (Math.abs(Regime.lagMs(e) - lagMs) < Math.abs(Regime.lagMs(best) - lagMs)) best = e;
        return best;
    }

    private static Map<Emotion, Double> classMeans(Regime r, java.util.function.ToDoubleFunction<Measured> f) {
        Map<Emotion, Double> sum = new EnumMap<>(Emotion.class);
        Map<Emotion, Integer> n = new EnumMap<>(Emotion.class);
        for (Measured m : MEASURED.get(r)) {
            sum.merge(m.clip.label(), f.applyAsDouble(m), Double::sum);
            n.merge(m.clip.label(), 1, Integer::sum);
        }
        sum.replaceAll((e, s) -> s / n.get(e));
        return sum;
    }

    private static double subjectMean(Regime r, String subject, java.util.function.ToDoubleFunction<Measured> f) {
        return MEASURED.get(r).stream().filter(m -> m.clip.subjectId().equals(subject)).mapToDouble(f).average().orElseThrow();
    }

    /** (max - min) / mean of the class means. */
    private static double spread(Map<Emotion, Double> means) {
        double max = means.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double min = means.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double mean = means.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return (max - min) / mean;
    }

    private static Measured measure(SynthClip c) throws IOException {
        float[] samples = AudioMeasures.read(c.audio()).samples();
        double[] mouth;
        try (VideoReader reader = VideoReader.open(c.video())) {
            List<BufferedImage> frames = reader.readAll();
            mouth = new double[frames.size()];
            for (int k = 0; k < frames.size(); k++) mouth[k] = VideoMeasures.mouthInteriorPixels(frames.get(k));
        }
        double mouthMean = 0;
        for (double v : mouth) mouthMean += v / mouth.length;
        // the lag (in 20 ms steps) at which voice loudness best predicts the mouth
        double bestLag = 0, bestR = Double.NEGATIVE_INFINITY;
        for (int lagMs = -500; lagMs <= 500; lagMs += 20) {
            double r = VideoMeasures.correlation(mouth, loudnessAt(samples, mouth.length, lagMs / 1000.0));
            if (r > bestR) {
                bestR = r;
                bestLag = lagMs;
            }
        }
        return new Measured(c, AudioMeasures.medianPitchHz(samples, SMALL.sampleRate()),
                AudioMeasures.rms(samples, 0, samples.length), mouthMean, bestLag);
    }

    /** Voice loudness around each frame's time shifted by {@code lagSeconds}; NaN-free (0 outside the track). */
    private static double[] loudnessAt(float[] samples, int frames, double lagSeconds) {
        double[] out = new double[frames];
        int window = SMALL.sampleRate() / 25;
        for (int k = 0; k < frames; k++) {
            int centre = (int) Math.round((k / SMALL.fps() + lagSeconds) * SMALL.sampleRate());
            int from = Math.max(0, centre - window / 2), to = Math.min(samples.length, centre + window / 2);
            out[k] = to > from ? AudioMeasures.rms(samples, from, to) : 0;
        }
        return out;
    }
}
