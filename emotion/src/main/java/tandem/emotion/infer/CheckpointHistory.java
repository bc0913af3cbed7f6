package tandem.emotion.infer;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tandem.nn.io.CheckpointException;

/**
 * The training history a checkpoint carries in its metadata, read back for a resumed run and checked before it is
 * trusted: a JSON list of epochs 1, 2, ... n, no longer than the run's epoch count and agreeing with the epoch count
 * stored beside it, with finite training figures and accuracies in [0, 1] (NaN where no split was measured).
 */
final class CheckpointHistory {
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private CheckpointHistory() {}

    static List<EpochStats> parse(Path file, Map<String, String> meta, int maxEpochs) throws CheckpointException {
        String text = meta.get(RunCheckpoint.META_HISTORY);
        if (text == null) throw fail(file, "has no training history in its metadata ('" + RunCheckpoint.META_HISTORY + "')");
        List<EpochStats> history;
        try {
            history = GSON.fromJson(text, new TypeToken<List<EpochStats>>() {}.getType());
        } catch (RuntimeException e) {
            history = null;
        }
        if (history == null || history.contains(null)) {
            throw fail(file, "the training history in its metadata is damaged: expected a JSON list of epochs, found '"
                    + RunCheckpoint.abbreviate(text) + "'");
        }
        if (history.size() > maxEpochs) {
            throw fail(file, "its history holds " + history.size() + " epochs, more than the run's " + maxEpochs
                    + "; it belongs to another run (delete it to train the fold again)");
        }
        String done = meta.get(RunCheckpoint.META_EPOCHS);
        if (done != null && !done.equals(Integer.toString(history.size()))) {
            throw fail(file, "metadata says " + RunCheckpoint.abbreviate(done) + " epochs done but its history holds " + history.size());
        }
        for (int i = 0; i < history.size(); i++) {
            EpochStats s = history.get(i);
            String problem = s.epoch() != i + 1 ? "is numbered " + s.epoch()
                    : !Double.isFinite(s.trainLoss()) || !Double.isFinite(s.testLoss()) ? "has a loss that is not finite"
                    : !unitOrNaN(s.trainAccuracy()) || !unitOrNaN(s.testAccuracy()) || !unitOrNaN(s.valAccuracy()) ? "has an accuracy outside [0, 1]"
                    : null;
            if (problem != null) throw fail(file, "the training history in its metadata is damaged: entry " + (i + 1) + " " + problem);
        }
        return new ArrayList<>(history);
    }

    private static boolean unitOrNaN(double v) { return Double.isNaN(v) || (v >= 0 && v <= 1); }

    private static CheckpointException fail(Path file, String problem) { return new CheckpointException("checkpoint " + file + ": " + problem); }
}
