package tandem.emotion.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tandem.emotion.infer.EpochStats;
import tandem.emotion.rundir.JsonFiles;
import tandem.nn.io.AtomicFiles;

/**
 * A finished fold's {@code result.json}: written atomically once the fold is tested, and checked when read back
 * (a resumed run, a grid's report), since its presence marks the fold done: an empty or damaged file, a result of
 * another fold, predictions that do not line up, a probability that is not finite or a history longer than the run's
 * epochs are each refused with the file's name, rather than averaged into a report.
 */
public final class FoldResults {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();
    private static final String WHAT = "result of a finished fold";

    private FoldResults() {}

    static void write(Path foldDir, FoldResult result) throws IOException {
        AtomicFiles.writeString(foldDir.resolve(Experiment.RESULT_FILE), GSON.toJson(result));
    }

    /** The checked result in {@code foldDir}, or null when the fold has not finished. */
    public static FoldResult read(Path foldDir, int classes, int maxEpochs, int repeat, int fold) throws IOException {
        Path file = foldDir.resolve(Experiment.RESULT_FILE);
        if (!Files.exists(file)) return null;
        JsonObject json = JsonFiles.readObject(file, WHAT);
        FoldResult r;
        try {
            r = GSON.fromJson(json, FoldResult.class);
        } catch (RuntimeException e) {
            throw JsonFiles.damaged(file, WHAT, "does not read as a fold result (" + JsonFiles.problem(e) + ")");
        }
        String problem = problem(r, classes, maxEpochs, repeat, fold);
        if (problem != null) throw JsonFiles.damaged(file, WHAT, problem);
        return r;
    }

    private static String problem(FoldResult r, int classes, int maxEpochs, int repeat, int fold) {
        if (r.truth() == null || r.predicted() == null || r.probabilities() == null || r.history() == null) {
            return "lacks one of truth, predicted, probabilities and history";
        }
        if (r.repeat() != repeat || r.fold() != fold) {
            return "is the result of repeat " + (r.repeat() + 1) + ", fold " + (r.fold() + 1) + ", not of repeat " + (repeat + 1) + ", fold " + (fold + 1);
        }
        int n = r.truth().length;
        if (n == 0 || r.predicted().length != n || r.probabilities().length != n) {
            return "holds " + n + " true labels, " + r.predicted().length + " predictions and " + r.probabilities().length
                    + " probability rows; they must be as many, and more than none";
        }
        for (int i = 0; i < n; i++) {
            if (r.truth()[i] < 0 || r.truth()[i] >= classes || r.predicted()[i] < 0 || r.predicted()[i] >= classes) {
                return "sample " + i + " has a label outside the " + classes + " classes";
            }
            double[] p = r.probabilities()[i];
            if (p == null || p.length != classes) return "sample " + i + " has " + (p == null ? 0 : p.length) + " probabilities for " + classes + " classes";
            for (double v : p) if (!(v >= 0 && v <= 1)) return "sample " + i + " has the probability " + v;
        }
        int epochs = r.history().size();
        if (epochs == 0 || epochs > maxEpochs) return "its history holds " + epochs + " epochs; the run trains 1 to " + maxEpochs;
        for (int e = 0; e < epochs; e++) {
            EpochStats s = r.history().get(e);
            if (s == null || s.epoch() != e + 1) return "its history's entry " + (e + 1) + " is not epoch " + (e + 1);
        }
        if (r.selectedEpoch() < 1 || r.selectedEpoch() > epochs) return "its tested epoch " + r.selectedEpoch() + " is not one of its " + epochs;
        return null;
    }
}
