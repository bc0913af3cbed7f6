package tandem.emotion.train;

import java.util.List;
import tandem.emotion.infer.EpochStats;

/** The outcome of one fold of one repeat: test predictions of the final epoch's model, and the training history. */
public record FoldResult(int repeat, int fold, int[] truth, int[] predicted, double[][] probabilities,
                         List<EpochStats> history, int trainSize) {
    public double accuracy() {
        int ok = 0;
        for (int i = 0; i < truth.length; i++) if (truth[i] == predicted[i]) ok++;
        return truth.length == 0 ? Double.NaN : (double) ok / truth.length;
    }
}
