package tandem.emotion.report;

import java.util.List;
import tandem.emotion.eval.ConfusionMatrix;
import tandem.emotion.eval.PairedComparison;
import tandem.emotion.eval.Stats;
import tandem.emotion.train.RunResult;

/** Markdown tables shaped like the seed paper's: Table 2 (per-class scores) and Table 3 (overall accuracy). */
public final class Tables {
    private Tables() {}

    /** Per-class one-vs-rest accuracy, recall, precision and F1 over all test predictions of a run (Table 2). */
    public static String perClass(RunResult run) {
        ConfusionMatrix m = run.pooledConfusion();
        StringBuilder sb = new StringBuilder("| " + run.name() + " |");
        for (String c : m.classes()) sb.append(' ').append(capitalise(c)).append(" |");
        sb.append("\n|---|").append("---:|".repeat(m.classes().size())).append('\n');
        String[] names = {"Accuracy", "Recall", "Precision", "F1-score"};
        for (int row = 0; row < 4; row++) {
            sb.append("| ").append(names[row]).append(" |");
            for (int c = 0; c < m.classes().size(); c++) {
                double v = switch (row) {
                    case 0 -> m.accuracy(c);
                    case 1 -> m.recall(c);
                    case 2 -> m.precision(c);
                    default -> m.f1(c);
                };
                sb.append(String.format(" %.2f |", v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Overall accuracy and macro-F1 (Table 3), one row per run: the mean over repeats, its standard deviation over
     * repeats (the paper's averaging unit; blank for one repeat), and the standard deviation over folds.
     */
    public static String overall(List<RunResult> runs) {
        StringBuilder sb = new StringBuilder("| Model | Overall accuracy | ± over repeats | ± over folds | Macro-F1 | Repeats x folds |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        for (RunResult r : runs) {
            Stats a = r.accuracy(), f = r.macroF1(), folds = Stats.of(r.foldAccuracies());
            String overRepeats = a.n() > 1 ? String.format("%.3f", a.std()) : "";
            sb.append(String.format("| %s | %.3f | %s | %.3f | %.3f | %d x %d |%n", r.name(), a.mean(), overRepeats, folds.std(), f.mean(),
                    a.n(), r.folds().size() / Math.max(1, a.n())));
        }
        return sb.toString();
    }

    public static String comparison(RunResult a, RunResult b, PairedComparison p) {
        return String.format("Paired over %d folds: %s − %s = %+.3f accuracy (95%% CI %+.3f … %+.3f); "
                        + "paired t-test p = %.3g, Wilcoxon signed-rank p = %.3g, corrected resampled t-test p = %.3g.%n",
                p.n(), b.name(), a.name(), p.meanDifference(), p.ciLow(), p.ciHigh(), p.tTestP(), p.wilcoxonP(), p.correctedTTestP());
    }

    /** The confusion matrix as counts. */
    public static String confusion(ConfusionMatrix m) {
        StringBuilder sb = new StringBuilder("| true \\ predicted |");
        for (String c : m.classes()) sb.append(' ').append(c).append(" |");
        sb.append("\n|---|").append("---:|".repeat(m.classes().size())).append('\n');
        for (int t = 0; t < m.classes().size(); t++) {
            sb.append("| ").append(m.classes().get(t)).append(" |");
            for (int p = 0; p < m.classes().size(); p++) sb.append(' ').append(m.count(t, p)).append(" |");
            sb.append('\n');
        }
        return sb.toString();
    }

    static String capitalise(String s) { return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1); }
}
