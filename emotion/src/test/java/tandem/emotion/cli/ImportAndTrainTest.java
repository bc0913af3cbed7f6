package tandem.emotion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.emotion.data.LabelSet;
import tandem.emotion.data.Manifest;
import tandem.emotion.importer.TinyMedia;
import tandem.emotion.infer.RunCheckpoint;
import tandem.nn.io.Safetensors;

/**
 * A RAVDESS-named tree made of real tiny media: {@code import ravdess} turns it into a manifest of 8 labels and 2
 * actors, and {@code train --protocol subject} runs on it with the label names in every report.
 */
class ImportAndTrainTest {
    static final List<String> RAVDESS = List.of("angry", "calm", "disgust", "fearful", "happy", "neutral", "sad", "surprised");

    @TempDir static Path root;
    static Path tree, manifest;
    static CliRun imported;

    /**
     * Actor 01: audio-visual, video-only and audio-only files of one statement per emotion, plus four songs; actor 02:
     * the audio-visual files alone (their own sound tracks are the audio). Also a README.
     */
    @BeforeAll
    static void ravdessTree() throws IOException {
        tree = root.resolve("ravdess");
        for (int emotion = 1; emotion <= 8; emotion++) {
            TinyMedia m = TinyMedia.write(root.resolve("media"), emotion, 1.4);
            String codes = String.format("01-%02d-01-01-01", emotion);
            TinyMedia.copy(m.mp4(), tree.resolve("Video_Speech_Actor_01/Actor_01/01-" + codes + "-01.mp4"));
            TinyMedia.copy(m.mp4(), tree.resolve("Video_Speech_Actor_01/Actor_01/02-" + codes + "-01.mp4"));
            TinyMedia.copy(m.wav(), tree.resolve("Audio_Speech_Actors_01-24/Actor_01/03-" + codes + "-01.wav"));
            TinyMedia.copy(m.mp4(), tree.resolve("Video_Speech_Actor_02/Actor_02/01-" + codes + "-02.mp4"));
            if (emotion <= 4) TinyMedia.copy(m.mp4(), tree.resolve(String.format("Video_Song_Actor_01/Actor_01/01-02-%02d-01-01-01-01.mp4", emotion)));
        }
        Files.writeString(tree.resolve("README.txt"), "RAVDESS, as downloaded");
        manifest = root.resolve("ravdess.csv");
        imported = CliRun.of("import", "ravdess", tree.toString(), "--out", manifest.toString());
    }

    @Test
    void importWritesAManifestOfEightLabelsAndTwoActorsAndSaysWhatItSkipped() throws IOException {
        assertEquals(0, imported.exitCode(), imported.err());
        String out = imported.out();
        assertTrue(out.startsWith("ravdess: 16 clip(s) in " + tree + ": 8 label(s), 2 subject(s)"), out);
        assertTrue(out.contains("clips per label:   angry 2, calm 2, disgust 2, fearful 2, happy 2, neutral 2, sad 2, surprised 2"), out);
        assertTrue(out.contains("clips per subject: actor-01 8, actor-02 8"), out);
        assertTrue(out.contains("8 x video-only (02) copy of an audio-visual (01) file, which is used instead"), out);
        assertTrue(out.contains("4 x song (vocal channel 02); import with --channel song or both"), out);
        assertTrue(out.contains("1 x not a RAVDESS name"), out);
        Manifest m = Manifest.read(manifest);
        assertEquals(new LabelSet(RAVDESS), m.labels());
        assertTrue(m.entries().stream().map(e -> e.subject()).distinct().count() <= 24);
        assertEquals(8, m.entries().stream().filter(e -> e.audioFromVideo()).count(), "actor 02's clips take their audio from the video");

        CliRun again = CliRun.of("import", "ravdess", tree.toString(), "--out", manifest.toString());
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("already exists; pass --overwrite to replace it"), again.err());
        CliRun empty = CliRun.of("import", "cremad", tree.toString(), "--out", root.resolve("none.csv").toString());
        assertEquals(2, empty.exitCode());
        assertTrue(empty.errLines().get(0).startsWith("tandem import cremad: error: " + tree + ": no clips found"), empty.err());
        assertFalse(Files.exists(root.resolve("none.csv")));
    }

    @Test
    void trainRunsOnTheImportedManifestBySubjectAndReportsLabelNames() throws IOException {
        Path run = root.resolve("run-ravdess");
        CliRun r = CliRun.of("train", "--data", manifest.toString(), "--protocol", "subject", "--folds", "2", "--repeats", "1",
                "--epochs", "1", "--out", run.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("classes: " + String.join(", ", RAVDESS) + " (8)"), r.out());
        String report = Files.readString(run.resolve("report.md"));
        assertTrue(report.contains("| Angry | Calm | Disgust | Fearful | Happy | Neutral | Sad | Surprised |"), report);
        assertTrue(report.contains("| true \\ predicted | angry | calm | disgust | fearful | happy | neutral | sad | surprised |"), report);
        JsonObject results = JsonParser.parseString(Files.readString(run.resolve("results.json"))).getAsJsonObject();
        assertEquals(RAVDESS, strings(results.getAsJsonArray("classes")));
        JsonObject record = JsonParser.parseString(Files.readString(run.resolve("run.json"))).getAsJsonObject();
        assertEquals(RAVDESS, strings(record.getAsJsonArray("classes")));
        assertTrue(record.getAsJsonObject("config").get("model").getAsString().contains("classes=8"));
        assertEquals(String.join(",", RAVDESS),
                Safetensors.read(run.resolve("repeat-1/fold-2/checkpoint.safetensors")).metadata().get(RunCheckpoint.META_CLASSES));
    }

    @Test
    void chosenClassesKeepTheirOrderAndTheRestIsDroppedWithACount() throws IOException {
        Path run = root.resolve("run-four");
        CliRun r = CliRun.of("train", "--data", manifest.toString(), "--classes", "sad,Happy,angry,neutral", "--protocol", "subject",
                "--folds", "2", "--repeats", "1", "--epochs", "1", "--model", "preset=tiny,fusion=msaf,head=linear", "--out", run.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("--classes: dropped 8 clip(s) of other labels (calm: 2, disgust: 2, fearful: 2, surprised: 2)"), r.out());
        JsonObject record = JsonParser.parseString(Files.readString(run.resolve("run.json"))).getAsJsonObject();
        assertEquals(List.of("sad", "happy", "angry", "neutral"), strings(record.getAsJsonArray("classes")));
        assertTrue(Files.readString(run.resolve("report.md")).contains("| Sad | Happy | Angry | Neutral |"));

        CliRun wrong = CliRun.of("train", "--data", manifest.toString(), "--model", "classes=4", "--folds", "2", "--repeats", "1",
                "--epochs", "1", "--out", root.resolve("run-wrong").toString());
        assertEquals(2, wrong.exitCode());
        assertTrue(wrong.err().contains("--model has classes=4 but the run has 8 classes (angry, calm"), wrong.err());
    }

    static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }
}
