package tandem.emotion.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.emotion.features.Sample;
import tandem.emotion.infer.Predictor;
import tandem.emotion.infer.RunCheckpoint;
import tandem.emotion.infer.TestCheckpoints;
import tandem.emotion.model.EmotionModel;
import tandem.emotion.model.ModelSpec;
import tandem.nn.Seeds;
import tandem.tensor.Device;

/** train --init: a fold's model started from a checkpoint computes exactly what the checkpoint does, before any step. */
class CheckpointStartTest {
    static final List<String> CLASSES = List.of("anger", "joy", "neutral", "sad");
    @TempDir Path dir;

    private static FoldTrainer<EmotionModel> trainer(ModelSpec spec, FoldStart start) {
        return new FoldTrainer<>(() -> new EmotionModel(spec), start, ResumeTest.INPUT, new TrainConfig(1, Predictor.BATCH, 0.002, 0, 9),
                Device.CPU, RunCheckpoint.describe(spec.toString(), CLASSES));
    }

    private static EmotionModel probe(ModelSpec spec) {
        Seeds.set(0);
        return new EmotionModel(spec);
    }

    @Test
    void aFoldStartedFromACheckpointReproducesItsPredictions() throws IOException {
        Path checkpoint = TestCheckpoints.save(TestCheckpoints.model(TestCheckpoints.PROPOSED, 41), dir.resolve("c.safetensors"));
        List<Sample> samples = ResumeTest.samples();
        double[][] expected = Predictor.probabilities(RunCheckpoint.load(checkpoint), samples);

        ModelSpec spec = ModelSpec.parse(TestCheckpoints.PROPOSED);
        CheckpointStart start = CheckpointStart.of(checkpoint, false, CLASSES, probe(spec));
        assertTrue(start.describe().endsWith("loaded " + probe(spec).stateDict().size() + " tensor(s); missing 0; unexpected 0; shape-mismatched 0"),
                start.describe());
        FoldTrainer<EmotionModel> started = trainer(spec, start);
        FoldTrainer.Evaluation fromCheckpoint = started.evaluate(started.startingModel(0, 1, false), samples);
        for (int i = 0; i < samples.size(); i++) assertArrayEquals(expected[i], fromCheckpoint.probabilities()[i], 0, "sample " + i);

        FoldTrainer<EmotionModel> scratch = trainer(spec, FoldStart.SCRATCH);
        FoldTrainer.Evaluation fresh = scratch.evaluate(scratch.startingModel(0, 1, false), samples);
        assertFalse(java.util.Arrays.equals(expected[0], fresh.probabilities()[0]), "a fresh model predicts otherwise");
    }

    @Test
    void aMisfitFailsUnlessPartialAndOtherClassesRestartTheHeads() throws IOException {
        Path msaf = TestCheckpoints.save(TestCheckpoints.model(TestCheckpoints.BASELINE, 42), dir.resolve("msaf.safetensors"));
        ModelSpec window = ModelSpec.parse(TestCheckpoints.PROPOSED);
        var e = assertThrows(IOException.class, () -> CheckpointStart.of(msaf, false, CLASSES, probe(window)));
        assertTrue(e.getMessage().contains("does not fit the model: loaded ") && e.getMessage().contains("missing ")
                && e.getMessage().contains("unexpected ") && e.getMessage().endsWith("pass --init-partial to load only the tensors that fit"), e.getMessage());

        CheckpointStart partial = CheckpointStart.of(msaf, true, CLASSES, probe(window));
        EmotionModel model = probe(window);
        partial.apply(model, 0, 0);
        EmotionModel source = TestCheckpoints.model(TestCheckpoints.BASELINE, 42);
        assertArrayEquals(source.stateDict().get("video.layer1.0.conv1.weight").toFloatArray(), model.stateDict().get("video.layer1.0.conv1.weight").toFloatArray(),
                "the shared backbone is loaded");

        Path proposed = TestCheckpoints.save(TestCheckpoints.model(TestCheckpoints.PROPOSED, 43), dir.resolve("p.safetensors"));
        List<String> other = List.of("calm", "joy", "neutral", "sad");
        var classes = assertThrows(IOException.class, () -> CheckpointStart.of(proposed, false, other, probe(window)));
        assertTrue(classes.getMessage().contains("its classes (anger,joy,neutral,sad) are not this run's (calm,joy,neutral,sad)"), classes.getMessage());
        CheckpointStart heads = CheckpointStart.of(proposed, true, other, probe(window));
        assertTrue(heads.describe().contains("the heads start fresh"), heads.describe());
        EmotionModel restarted = probe(window), fresh = probe(window);
        heads.apply(restarted, 0, 0);
        assertArrayEquals(fresh.stateDict().get("video_head.fc1.weight").toFloatArray(), restarted.stateDict().get("video_head.fc1.weight").toFloatArray(),
                "the heads keep their fresh initialisation");
    }
}
