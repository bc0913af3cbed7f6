package tandem.emotion.infer;

import java.nio.file.Path;
import java.util.List;

/**
 * A clip's class probabilities: the mean over its sub-segments of each sub-segment's softmax.
 *
 * @param segments how many 30-frame sub-segments were averaged
 */
public record ClipPrediction(Path video, List<String> classes, double[] probabilities, int segments) {
    public ClipPrediction {
        classes = List.copyOf(classes);
        probabilities = probabilities.clone();
        if (probabilities.length != classes.size()) {
            throw new IllegalArgumentException("prediction for " + video + ": " + probabilities.length + " probabilities for "
                    + classes.size() + " classes");
        }
    }

    @Override
    public double[] probabilities() { return probabilities.clone(); }

    /** The index of the most probable class (the first one on ties). */
    public int predictedIndex() {
        int best = 0;
        for (int c = 1; c < probabilities.length; c++) if (probabilities[c] > probabilities[best]) best = c;
        return best;
    }

    public String predicted() { return classes.get(predictedIndex()); }
}
