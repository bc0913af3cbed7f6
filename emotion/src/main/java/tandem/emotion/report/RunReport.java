package tandem.emotion.report;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tandem.emotion.eval.ConfusionMatrix;
import tandem.emotion.infer.EpochStats;
import tandem.emotion.train.FoldResult;
import tandem.emotion.train.RunResult;
import tandem.emotion.rundir.JsonFiles;
import tandem.nn.io.AtomicFiles;

/** Writes a run's report: report.md, results.json, confusion.png and curves.png, each atomically. */
public final class RunReport {
    private RunReport() {}

    public static void write(RunResult run, Path dir) throws IOException {
        ConfusionMatrix m = run.pooledConfusion();
        StringBuilder md = new StringBuilder("# ").append(run.name()).append("\n\n");
        md.append("## Per-class scores (one-vs-rest, all test predictions)\n\n").append(Tables.perClass(run)).append('\n');
        md.append("## Overall\n\n").append(Tables.overall(List.of(run))).append('\n');
        md.append("## Confusion matrix (counts)\n\n").append(Tables.confusion(m)).append('\n');
        md.append("![confusion matrix](confusion.png)\n\n![training curves](curves.png)\n");
        AtomicFiles.writeString(dir.resolve("report.md"), md.toString());

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", run.name());
        json.put("classes", run.classes());
        json.put("overall_accuracy", JsonFiles.object("mean", run.accuracy().mean(), "std", run.accuracy().std(), "n", run.accuracy().n()));
        json.put("macro_f1", JsonFiles.object("mean", run.macroF1().mean(), "std", run.macroF1().std()));
        List<Map<String, Object>> perClass = new ArrayList<>();
        for (int c = 0; c < m.classes().size(); c++) {
            perClass.add(JsonFiles.object("class", m.classes().get(c), "accuracy", m.accuracy(c), "precision", m.precision(c),
                    "recall", m.recall(c), "f1", m.f1(c)));
        }
        json.put("per_class", perClass);
        json.put("confusion", m.counts());
        json.put("fold_accuracies", run.foldAccuracies());
        String text = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeSpecialFloatingPointValues().create().toJson(json);
        AtomicFiles.writeString(dir.resolve("results.json"), text);

        Plots.confusionMatrix(m, run.name(), dir.resolve("confusion.png"));
        Plots.curves(meanCurves(run.folds()), run.name() + ": mean over folds", "value", dir.resolve("curves.png"));
    }

    /** Train loss, train accuracy and test accuracy per epoch, averaged over folds. */
    static Map<String, double[]> meanCurves(List<FoldResult> folds) {
        int epochs = folds.stream().mapToInt(f -> f.history().size()).min().orElse(0);
        double[] loss = new double[epochs], trainAcc = new double[epochs], testAcc = new double[epochs];
        for (FoldResult f : folds) {
            for (int e = 0; e < epochs; e++) {
                EpochStats s = f.history().get(e);
                loss[e] += s.trainLoss() / folds.size();
                trainAcc[e] += s.trainAccuracy() / folds.size();
                testAcc[e] += s.testAccuracy() / folds.size();
            }
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        out.put("train loss", loss);
        out.put("train accuracy", trainAcc);
        out.put("test accuracy", testAcc);
        return out;
    }
}
