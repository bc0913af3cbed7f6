package tandem.emotion.infer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A clip's class probabilities: the mean over its sub-segments of each sub-segment's softmax.
 *
 * @param segments how many 30-frame sub-segments were averaged
 */
public record ClipPrediction(Path video, List<String> classes, double[] probabilities, int segments) {
    /**
     * Probabilities closer than this are a tie: they agree to the four decimals {@code predict} prints, so naming one
     * of them the winner would rest on a difference nobody is shown.
     */
    public static final double TIE = 5e-5;

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

    /** The index of the most probable class (the first one on ties; see {@link #winners()}). */
    public int predictedIndex() {
        int best = 0;
        for (int c = 1; c < probabilities.length; c++) if (probabilities[c] > probabilities[best]) best = c;
        return best;
    }

    public String predicted() { return classes.get(predictedIndex()); }

    /** The most probable class, with every class tied with it ({@link #TIE}), in class order. */
    public List<String> winners() {
        double best = probabilities[predictedIndex()];
        List<String> out = new ArrayList<>();
        for (int c = 0; c < probabilities.length; c++) if (best - probabilities[c] < TIE) out.add(classes.get(c));
        return out;
    }

    public boolean isTie() { return winners().size() > 1; }
}
