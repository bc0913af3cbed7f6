package tandem.emotion.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tandem.emotion.eval.ConfusionMatrix;
import tandem.emotion.eval.Stats;

/** Every fold of every repeat of one experiment, and the scores the seed paper reports, aggregated. */
public record RunResult(String name, List<String> classes, List<FoldResult> folds) {
    /** Confusion matrix of all test predictions (every fold of every repeat). */
    public ConfusionMatrix pooledConfusion() {
        ConfusionMatrix m = new ConfusionMatrix(classes);
        for (FoldResult f : folds) for (int i = 0; i < f.truth().length; i++) m.add(f.truth()[i], f.predicted()[i]);
        return m;
    }

    /** Per repeat: the confusion matrix of its folds together (each sub-segment tested once). */
    public List<ConfusionMatrix> perRepeat() {
        int repeats = folds.stream().mapToInt(FoldResult::repeat).max().orElse(-1) + 1;
        List<ConfusionMatrix> out = new ArrayList<>();
        for (int r = 0; r < repeats; r++) out.add(new ConfusionMatrix(classes));
        for (FoldResult f : folds) for (int i = 0; i < f.truth().length; i++) out.get(f.repeat()).add(f.truth()[i], f.predicted()[i]);
        return out;
    }

    /** Overall accuracy over repeats (mean and spread), as the seed's Table 3 averages its six repeats. */
    public Stats accuracy() { return Stats.of(perRepeat().stream().mapToDouble(ConfusionMatrix::overallAccuracy).toArray()); }

    public Stats macroF1() { return Stats.of(perRepeat().stream().mapToDouble(ConfusionMatrix::macroF1).toArray()); }

    /** Per-fold accuracies in (repeat, fold) order: the paired unit for comparing runs. */
    public double[] foldAccuracies() {
        return folds.stream().sorted(Comparator.comparingInt(FoldResult::repeat).thenComparingInt(FoldResult::fold))
                .mapToDouble(FoldResult::accuracy).toArray();
    }
}
