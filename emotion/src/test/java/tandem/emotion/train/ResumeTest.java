package tandem.emotion.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.emotion.features.Sample;
import tandem.emotion.infer.EpochStats;
import tandem.emotion.model.EmotionModel;
import tandem.emotion.model.InputSpec;
import tandem.emotion.model.ModelSpec;
import tandem.emotion.protocol.Folds;
import tandem.emotion.protocol.SubSegment;
import tandem.tensor.CounterRng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run killed part-way and resumed ends with exactly the result of an unbroken run with the same seed. */
class ResumeTest {
    static final ModelSpec SPEC = ModelSpec.parse("preset=tiny,fusion=window,head=classmap");
    static final InputSpec INPUT = new InputSpec(30, 16, 32, 32, 13, 76, 16000, 1024, 256);
    static final List<String> CLASSES = List.of("anger", "joy", "neutral", "sad");

    /** Random features with a class-dependent offset, so training has something to learn. */
    static List<Sample> samples() {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            int label = i % 4;
            float[] v = new float[INPUT.videoLength()], a = new float[INPUT.audioLength()];
            for (int j = 0; j < v.length; j++) v[j] = (float) (CounterRng.normal(1, (long) i * v.length + j) + 0.3 * label);
            for (int j = 0; j < a.length; j++) a[j] = (float) (CounterRng.normal(2, (long) i * a.length + j) - 0.3 * label);
            out.add(new Sample(v, a, label, new SubSegment(i, 0, 0, 1.2, label, "s" + (i % 3))));
        }
        return out;
    }

    static ExperimentConfig config() {
        return new ExperimentConfig(Path.of("manifest.csv"), SPEC.toString(), Folds.Kind.RANDOM, 2, 1, 0,
                new TrainConfig(2, 6, 0.002, 0, 11), "cpu");
    }

    /** Stops the run, as a kill would, after a given number of finished epochs (counted over all folds). */
    static final class Killer extends Experiment.Progress {
        private int epochsLeft;

        Killer(int epochs) {
            super("test", 1, 2, 2, 6, 12);
            epochsLeft = epochs;
        }

        @Override
        public void epoch(EpochStats s) {
            super.epoch(s);
            if (--epochsLeft == 0) throw new IllegalStateException("killed");
        }
    }

    static RunResult run(Path out, Experiment.Progress progress) throws Exception {
        return Experiment.run("test", config(), samples(), () -> new EmotionModel(SPEC), INPUT, out, CLASSES, progress);
    }

    @Test void aKilledRunResumesToTheSameResult(@TempDir Path dir) throws Exception {
        RunResult unbroken;
        try (Experiment.Progress p = new Experiment.Progress("test", 1, 2, 2, 6, 12)) {
            unbroken = run(dir.resolve("unbroken"), p);
        }
        Path out = dir.resolve("killed");
        // killed after fold 1 and one epoch of fold 2: fold 1 is finished, fold 2 has a checkpoint of epoch 1
        try (Killer k = new Killer(3)) {
            assertThrows(IllegalStateException.class, () -> run(out, k));
        }
        assertTrue(Files.exists(out.resolve("repeat-1/fold-1/result.json")));
        assertTrue(Files.exists(out.resolve("repeat-1/fold-2/checkpoint.safetensors")));
        assertTrue(!Files.exists(out.resolve("repeat-1/fold-2/result.json")));
        RunResult resumed;
        try (Experiment.Progress p = new Experiment.Progress("test", 1, 2, 2, 6, 12)) {
            resumed = run(out, p);
        }
        assertEquals(unbroken.folds().size(), resumed.folds().size());
        for (int f = 0; f < unbroken.folds().size(); f++) {
            FoldResult a = unbroken.folds().get(f), b = resumed.folds().get(f);
            assertArrayEquals(a.predicted(), b.predicted(), "fold " + f);
            for (int i = 0; i < a.probabilities().length; i++) assertArrayEquals(a.probabilities()[i], b.probabilities()[i], 0.0, "fold " + f);
            assertEquals(a.history(), b.history().stream().map(s -> new EpochStats(s.epoch(), s.trainLoss(), s.trainAccuracy(),
                    s.testLoss(), s.testAccuracy(), a.history().get(s.epoch() - 1).seconds())).toList(), "fold " + f + " history");
        }
    }
}
