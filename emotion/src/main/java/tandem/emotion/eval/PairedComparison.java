package tandem.emotion.eval;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

/**
 * Compares two variants evaluated on the same splits (same repeat, same fold): the mean paired difference with a
 * 95% t interval, a two-sided paired t-test, and the Wilcoxon signed-rank test (exact for n <= 30), which does not
 * assume normal differences. Folds of one repeat share training data, so these p-values are optimistic; Nadeau and
 * Bengio's corrected resampled t-test is reported too, with the test/train size ratio given.
 */
public record PairedComparison(int n, double meanDifference, double ciLow, double ciHigh, double tTestP,
                               double wilcoxonP, double correctedTTestP) {

    public static PairedComparison of(double[] a, double[] b, double testTrainRatio) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired comparison: " + a.length + " scores vs " + b.length + "; the runs must use the same splits");
        }
        int n = a.length;
        if (n < 2) throw new IllegalArgumentException("paired comparison needs at least 2 paired scores, got " + n);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = b[i] - a[i];
        Stats s = Stats.of(d);
        double se = s.std() / Math.sqrt(n);
        TDistribution t = new TDistribution(n - 1);
        double half = t.inverseCumulativeProbability(0.975) * se;
        boolean allSame = s.std() == 0;
        double tp = allSame ? (s.mean() == 0 ? 1.0 : 0.0) : new TTest().pairedTTest(b, a);
        double wp = allSame ? (s.mean() == 0 ? 1.0 : Math.pow(0.5, n - 1)) : new WilcoxonSignedRankTest().wilcoxonSignedRankTest(b, a, n <= 30);
        double corrected;
        if (allSame) {
            corrected = tp;
        } else {
            double var = s.std() * s.std();
            double tc = s.mean() / Math.sqrt((1.0 / n + testTrainRatio) * var);
            corrected = 2 * (1 - t.cumulativeProbability(Math.abs(tc)));
        }
        return new PairedComparison(n, s.mean(), s.mean() - half, s.mean() + half, tp, wp, corrected);
    }
}
