package tandem.emotion.train;

import java.util.List;
import tandem.emotion.infer.EpochStats;

/**
 * The outcome of one fold of one repeat: test predictions of the tested model, and the training history.
 *
 * @param selectedEpoch the epoch whose model was tested (the last one, unless chosen by validation)
 * @param validationSize sub-segments carved from the training fold for validation (0 when none was)
 */
public record FoldResult(int repeat, int fold, int[] truth, int[] predicted, double[][] probabilities,
                         List<EpochStats> history, int trainSize, int selectedEpoch, int validationSize) {
    public double accuracy() {
        int ok = 0;
        for (int i = 0; i < truth.length; i++) if (truth[i] == predicted[i]) ok++;
        return truth.length == 0 ? Double.NaN : (double) ok / truth.length;
    }
}
