package tandem.emotion.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.emotion.data.Emotion;
import tandem.emotion.data.ManifestEntry;
import tandem.emotion.features.FeatureExtractor;
import tandem.emotion.features.Sample;
import tandem.emotion.infer.Predictor;
import tandem.emotion.infer.RunCheckpoint;
import tandem.emotion.infer.TestCheckpoints;
import tandem.emotion.infer.TrainedModel;
import tandem.emotion.live.LiveClips;
import tandem.emotion.live.Smoothing;

/**
 * {@code live} on a generated clip played in real time: every window in order, probabilities finite and summing to
 * 1, each window's probabilities and decisions those of {@code predict}'s features for the same span, and
 * {@code predict}'s clip average reproduced from the windows it covers. Bad streams: one error line and exit code 2,
 * after the windows already printed.
 */
class LiveCommandTest {
    @TempDir
    static Path dir;
    static Path clip, checkpoint;
    static TrainedModel trained;

    @BeforeAll
    static void clipAndModel() throws IOException {
        var corpus = LiveClips.corpus(dir.resolve("corpus"), 41);
        clip = corpus.clips().get(1).video();
        // without its WAV, predict reads the clip's own sound track, as live does
        Files.delete(corpus.clips().get(1).audio());
        checkpoint = LiveClips.checkpoint(dir.resolve("model"), TestCheckpoints.PROPOSED);
        trained = RunCheckpoint.load(checkpoint);
    }

    static List<JsonObject> windows(CliRun run) {
        return run.outLines().stream().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    static double[] probabilities(JsonObject window) {
        JsonObject p = window.getAsJsonObject("probabilities");
        return trained.classes().stream().mapToDouble(c -> p.get(c).getAsDouble()).toArray();
    }

    /** What predict's features and model give for [start, end) of the clip. */
    static double[] predictSpan(double start, double end) throws IOException {
        ManifestEntry span = new ManifestEntry("span", clip, Optional.empty(), Emotion.JOY, "s01", OptionalDouble.of(start), OptionalDouble.of(end));
        List<Sample> samples = new FeatureExtractor(trained.input()).extractClip(0, span);
        assertEquals(1, samples.size(), "one sub-segment in [" + start + ", " + end + ")");
        return Predictor.probabilities(trained, samples)[0];
    }

    @Test
    void aClipPlayedInRealTimeGivesPredictsWindowsInOrder() throws IOException {
        CliRun run = CliRun.of("live", "--checkpoint", checkpoint.toString(), "--realtime", "--json", clip.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<JsonObject> windows = windows(run);
        assertEquals(7, windows.size(), "3.6 s at 25 fps: windows at frames 0, 10, ..., 60\n" + run.out());
        Smoothing.Smoother smoother = new Smoothing(Smoothing.Kind.EXP, 5).start(trained.classes().size());
        for (int k = 0; k < windows.size(); k++) {
            JsonObject w = windows.get(k);
            assertEquals(k, w.get("window").getAsInt());
            assertEquals(0.4 * k, w.get("start").getAsDouble(), 1e-9);
            assertEquals(0.4 * k + 1.2, w.get("end").getAsDouble(), 1e-9);
            double[] p = probabilities(w);
            double sum = 0;
            for (double v : p) {
                assertTrue(Double.isFinite(v) && v >= 0, "window " + k + ": " + v);
                sum += v;
            }
            assertEquals(1, sum, 1e-6, "window " + k);
            double[] expected = predictSpan(0.4 * k, 0.4 * k + 1.2);
            assertArrayEquals(expected, p, 1e-9, "window " + k + " against predict's features for the same span");
            assertEquals(trained.classes().get(Smoothing.argmax(expected)), w.get("predicted").getAsString());
            assertEquals(trained.classes().get(smoother.update(expected)), w.get("smoothed").getAsString());
            assertEquals(0, w.get("dropped").getAsLong(), "a tiny model keeps up with a 25 fps clip");
            double latency = w.get("latency_ms").getAsDouble();
            assertTrue(latency >= 0 && latency < 60_000, "latency " + latency);
        }
        assertTrue(run.err().contains("live: 7 windows, 0 dropped"), run.err());

        // predict averages the clip's non-overlapping sub-segments: live's windows 0, 3 and 6
        CliRun predict = CliRun.of("predict", "--checkpoint", checkpoint.toString(), "--json", clip.toString());
        assertEquals(0, predict.exitCode(), predict.err());
        JsonObject clipAverage = JsonParser.parseString(predict.outLines().get(0)).getAsJsonObject();
        double[] mean = new double[trained.classes().size()];
        for (int k : new int[] {0, 3, 6}) {
            double[] p = probabilities(windows.get(k));
            for (int c = 0; c < mean.length; c++) mean[c] += p[c] / 3;
        }
        assertArrayEquals(probabilities(clipAverage), mean, 1e-6, "predict's clip average from live's windows");
    }

    @Test
    void majoritySmoothingAndAnotherHop() throws IOException {
        CliRun run = CliRun.of("live", "--checkpoint", checkpoint.toString(), "--json", "--hop", "15", "--smooth", "majority", "--last", "3",
                clip.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<JsonObject> windows = windows(run);
        assertEquals(List.of(0.0, 0.6, 1.2, 1.8, 2.4), windows.stream().map(w -> w.get("start").getAsDouble()).toList());
        Smoothing.Smoother smoother = Smoothing.parse("majority", 3).start(trained.classes().size());
        for (JsonObject w : windows) assertEquals(trained.classes().get(smoother.update(probabilities(w))), w.get("smoothed").getAsString());
    }

    @Test
    void unreadableOrMissingSourcesAreOneLine() throws IOException {
        Path garbage = dir.resolve("garbage.mp4");
        Files.write(garbage, new byte[] {0x13, 0x37, 0x00, 0x42, 0x7f, 0x01, 0x02, 0x03, 0x04});
        assertOneErrorLine(CliRun.of("live", "--checkpoint", checkpoint.toString(), garbage.toString()), garbage + ": FFmpeg cannot open it");
        Path missing = dir.resolve("missing.mp4");
        assertOneErrorLine(CliRun.of("live", "--checkpoint", checkpoint.toString(), missing.toString()), missing + ": no such file");
        assertOneErrorLine(CliRun.of("live", "--checkpoint", checkpoint.toString(), "--loop", "udp://127.0.0.1:9"),
                "udp://127.0.0.1:9: --loop plays a file again from its start");
    }

    @Test
    void aStreamWithoutSoundForAnAudioVisualModelIsRefused() throws IOException {
        Path silent = LiveClips.clip(dir.resolve("silent.mp4"), 2, -1);
        CliRun run = CliRun.of("live", "--checkpoint", checkpoint.toString(), "--json", silent.toString());
        assertOneErrorLine(run, silent + ": has no audio stream, but the model (" + TestCheckpoints.PROPOSED);
        assertEquals(List.of(), run.outLines(), "no window");
    }

    @Test
    void soundThatStopsEndsTheTimelineWithOneLineAfterTheWindowsBeforeIt() throws IOException {
        Path stops = LiveClips.clip(dir.resolve("stops.mp4"), 7, 2.6);
        CliRun run = CliRun.of("live", "--checkpoint", checkpoint.toString(), "--json", stops.toString());
        assertOneErrorLine(run, stops + ": the sound stops at");
        List<JsonObject> windows = windows(run);
        assertTrue(windows.size() >= 3, "the windows with sound are printed first:\n" + run.out());
        for (int k = 0; k < windows.size(); k++) {
            assertEquals(k, windows.get(k).get("window").getAsInt());
            assertTrue(windows.get(k).get("end").getAsDouble() <= 2.7, windows.get(k).toString());
        }
    }

    static void assertOneErrorLine(CliRun run, String startsWith) {
        assertEquals(2, run.exitCode(), run.err());
        List<String> errors = run.errLines().stream().filter(l -> l.startsWith("tandem live: error: ")).toList();
        assertEquals(1, errors.size(), run.err());
        assertTrue(errors.get(0).startsWith("tandem live: error: " + startsWith), errors.get(0));
        assertEquals(errors.get(0), run.errLines().get(run.errLines().size() - 1), "the error is the last line");
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    }
}
