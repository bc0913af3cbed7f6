package tandem.emotion.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.emotion.features.Sample;
import tandem.emotion.infer.EpochStats;
import tandem.emotion.infer.RunCheckpoint;
import tandem.emotion.model.EmotionModel;
import tandem.emotion.protocol.Folds;
import tandem.emotion.protocol.SubSegment;
import tandem.tensor.Device;

/** {@code --select best-val}: validation carved from the training fold only, the best epoch's model tested, resumable. */
class BestValSelectionTest {
    static ExperimentConfig config(Folds.Kind protocol, int epochs, int patience) {
        return new ExperimentConfig(Path.of("manifest.csv"), ResumeTest.SPEC.toString(), protocol, 2, 1, 0,
                new TrainConfig(epochs, 6, 0.002, 0, 11).withBestVal(0.34, patience), "cpu");
    }

    @Test void validationIsCarvedFromTheTrainingFoldAndBySubjectUnderTheSubjectProtocol() {
        // six subjects, so that a subject-independent training fold has three to carve a validation subject from
        List<Sample> samples = ResumeTest.samples().stream().map(x -> new Sample(x.video(), x.audio(), x.label(),
                new SubSegment(x.segment().clipIndex(), 0, 0, 1.2, x.label(), "s" + x.segment().clipIndex() % 6))).toList();
        for (Folds.Kind kind : Folds.Kind.values()) {
            ExperimentConfig cfg = config(kind, 1, 0);
            for (Folds.Split split : Folds.split(samples.stream().map(Sample::segment).toList(), 2, kind, 11 * 1000)) {
                List<Sample> train = split.train().length == 0 ? List.of() : java.util.Arrays.stream(split.train()).mapToObj(samples::get).toList();
                Folds.Split carved = Experiment.carve(cfg, train, 0, split.fold());
                assertTrue(carved.test().length > 0 && carved.train().length > 0, kind + " fold " + split.fold());
                assertEquals(train.size(), carved.test().length + carved.train().length, "validation + fit = training fold");
                if (kind == Folds.Kind.SUBJECT) {
                    Set<String> fit = new HashSet<>();
                    for (int i : carved.train()) fit.add(train.get(i).segment().subject());
                    for (int i : carved.test()) assertFalse(fit.contains(train.get(i).segment().subject()), "validation subject also in fit");
                }
            }
        }
    }

    @Test void theBestValidationEpochIsTestedAndAKilledRunResumesToIt(@TempDir Path dir) throws Exception {
        ExperimentConfig cfg = config(Folds.Kind.RANDOM, 3, 0);
        Path unbroken = dir.resolve("unbroken/fold"), killed = dir.resolve("killed/fold");
        FoldResult a = Experiment.runFold(cfg, ResumeTest.samples(), () -> new EmotionModel(ResumeTest.SPEC), ResumeTest.INPUT,
                unbroken, ResumeTest.CLASSES, 0, 1, null);
        assertEquals(3, a.history().size());
        assertTrue(a.validationSize() > 0);
        assertEquals(FoldTrainer.bestEpoch(a.history()), a.selectedEpoch());
        for (EpochStats s : a.history()) assertTrue(Double.isFinite(s.valAccuracy()), "validation scored every epoch");
        // the tested predictions are those of best.safetensors, not of the last epoch's model
        EmotionModel best = new EmotionModel(ResumeTest.SPEC);
        RunCheckpoint.restoreModel(unbroken.resolve("best.safetensors"), best);
        FoldTrainer<EmotionModel> t = new FoldTrainer<>(() -> best, ResumeTest.INPUT, cfg.train(), Device.CPU, java.util.Map.of());
        List<Sample> test = Experiment.parts(cfg, ResumeTest.samples(), ResumeTest.CLASSES, 0, 1).test();
        assertArrayEquals(a.predicted(), t.evaluate(best, test).predicted());

        // killed after two epochs, resumed: the same selected epoch and predictions
        FoldTrainer.Listener killer = new FoldTrainer.Listener() {
            int epochs;
            @Override public void batch(int epoch, int b, int batches, double loss, double accuracy) { }
            @Override public void epoch(EpochStats s) { if (++epochs == 2) throw new IllegalStateException("killed"); }
        };
        assertThrows(IllegalStateException.class, () -> Experiment.runFold(cfg, ResumeTest.samples(),
                () -> new EmotionModel(ResumeTest.SPEC), ResumeTest.INPUT, killed, ResumeTest.CLASSES, 0, 1, killer));
        assertFalse(Files.exists(killed.resolve(Experiment.RESULT_FILE)));
        FoldResult b = Experiment.runFold(cfg, ResumeTest.samples(), () -> new EmotionModel(ResumeTest.SPEC), ResumeTest.INPUT,
                killed, ResumeTest.CLASSES, 0, 1, null);
        assertEquals(a.selectedEpoch(), b.selectedEpoch());
        assertArrayEquals(a.predicted(), b.predicted());
        for (int i = 0; i < a.probabilities().length; i++) assertArrayEquals(a.probabilities()[i], b.probabilities()[i], 0.0);
    }

    @Test void theBestEpochAndPatience() {
        List<EpochStats> h = List.of(stats(1, 0.5, 1.0), stats(2, 0.7, 0.9), stats(3, 0.7, 0.95), stats(4, 0.6, 0.8));
        assertEquals(2, FoldTrainer.bestEpoch(h), "ties go to the lower validation loss, then to the earlier epoch");
        assertEquals(3, FoldTrainer.bestEpoch(List.of(stats(1, 0.5, 1.0), stats(2, 0.7, 0.9), stats(3, 0.7, 0.8))));
        assertTrue(FoldTrainer.patienceSpent(h, 2), "two epochs since the best");
        assertFalse(FoldTrainer.patienceSpent(h, 3));
        assertFalse(FoldTrainer.patienceSpent(h, 0), "0: never stop early");
    }

    private static EpochStats stats(int epoch, double valAcc, double valLoss) {
        return new EpochStats(epoch, 1, 0.5, 1, 0.5, 0.1, valLoss, valAcc);
    }
}
