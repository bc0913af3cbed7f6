package tandem.emotion.eval;

import java.util.Arrays;
import java.util.List;

/**
 * Counts of (true class, predicted class), and the scores the seed paper reports: per-class one-vs-rest accuracy,
 * precision, recall and F1 (its Table 2; eqs. 9-12), overall accuracy (Table 3), and macro-F1.
 */
public final class ConfusionMatrix {
    private final List<String> classes;
    private final long[][] counts;

    public ConfusionMatrix(List<String> classes) {
        this.classes = List.copyOf(classes);
        this.counts = new long[classes.size()][classes.size()];
    }

    public static ConfusionMatrix of(List<String> classes, int[] truth, int[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("confusion matrix: " + truth.length + " labels but " + predicted.length + " predictions");
        }
        ConfusionMatrix m = new ConfusionMatrix(classes);
        for (int i = 0; i < truth.length; i++) m.add(truth[i], predicted[i]);
        return m;
    }

    public void add(int truth, int predicted) {
        int c = classes.size();
        if (truth < 0 || truth >= c || predicted < 0 || predicted >= c) {
            throw new IllegalArgumentException("confusion matrix: class index out of range [0, " + c + "): truth " + truth + ", predicted " + predicted);
        }
        counts[truth][predicted]++;
    }

    /** Adds every count of {@code other} (same classes). */
    public void addAll(ConfusionMatrix other) {
        if (!other.classes.equals(classes)) throw new IllegalArgumentException("confusion matrices over different classes: " + classes + " vs " + other.classes);
        for (int i = 0; i < counts.length; i++) for (int j = 0; j < counts.length; j++) counts[i][j] += other.counts[i][j];
    }

    public List<String> classes() { return classes; }

    public long count(int truth, int predicted) { return counts[truth][predicted]; }

    public long total() {
        long n = 0;
        for (long[] row : counts) for (long v : row) n += v;
        return n;
    }

    private long tp(int c) { return counts[c][c]; }

    private long fp(int c) {
        long s = 0;
        for (int t = 0; t < counts.length; t++) if (t != c) s += counts[t][c];
        return s;
    }

    private long fn(int c) {
        long s = 0;
        for (int p = 0; p < counts.length; p++) if (p != c) s += counts[c][p];
        return s;
    }

    /** One-vs-rest accuracy (TP + TN) / N of class c (eq. 9). */
    public double accuracy(int c) {
        long n = total();
        return n == 0 ? Double.NaN : (double) (n - fp(c) - fn(c)) / n;
    }

    /** TP / (TP + FP), 0 when the class was never predicted (eq. 10). */
    public double precision(int c) {
        long d = tp(c) + fp(c);
        return d == 0 ? 0 : (double) tp(c) / d;
    }

    /** TP / (TP + FN), 0 when the class never occurs (eq. 11). */
    public double recall(int c) {
        long d = tp(c) + fn(c);
        return d == 0 ? 0 : (double) tp(c) / d;
    }

    /** Harmonic mean of precision and recall, 0 when both are 0 (eq. 12). */
    public double f1(int c) {
        double p = precision(c), r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Fraction of all samples classified correctly (the paper's "overall accuracy"). */
    public double overallAccuracy() {
        long n = total(), correct = 0;
        for (int c = 0; c < counts.length; c++) correct += counts[c][c];
        return n == 0 ? Double.NaN : (double) correct / n;
    }

    public double macroF1() {
        double s = 0;
        for (int c = 0; c < counts.length; c++) s += f1(c);
        return s / counts.length;
    }

    /** Rows normalised to sum 1 (the fraction of each true class predicted as each class). */
    public double[][] rowNormalised() {
        double[][] out = new double[counts.length][counts.length];
        for (int t = 0; t < counts.length; t++) {
            long row = Arrays.stream(counts[t]).sum();
            for (int p = 0; p < counts.length; p++) out[t][p] = row == 0 ? 0 : (double) counts[t][p] / row;
        }
        return out;
    }

    public long[][] counts() {
        long[][] c = new long[counts.length][];
        for (int i = 0; i < c.length; i++) c[i] = counts[i].clone();
        return c;
    }
}
