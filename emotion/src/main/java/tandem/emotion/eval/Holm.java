package tandem.emotion.eval;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down correction of m p-values for the family-wise error rate: sorted ascending, the i-th smallest
 * (from 0) is multiplied by m - i, capped at 1, and made monotone. Uniformly more powerful than Bonferroni and valid
 * under any dependence between the tests (Holm 1979); the same as R's {@code p.adjust(p, "holm")}.
 */
public final class Holm {
    private Holm() {}

    /** Adjusted p-values, in the order of {@code p}. NaN stays NaN and does not count as a test. */
    public static double[] adjust(double[] p) {
        Integer[] order = new Integer[p.length];
        int m = 0;
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
            if (!Double.isNaN(p[i])) m++;
            else continue;
            if (p[i] < 0 || p[i] > 1) throw new IllegalArgumentException("Holm correction: p-value " + p[i] + " is outside [0, 1]");
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> Double.isNaN(p[i]) ? Double.POSITIVE_INFINITY : p[i]));
        double[] out = new double[p.length];
        double running = 0;
        for (int rank = 0; rank < p.length; rank++) {
            int i = order[rank];
            if (Double.isNaN(p[i])) {
                out[i] = Double.NaN;
                continue;
            }
            running = Math.max(running, Math.min(1, (m - rank) * p[i]));
            out[i] = running;
        }
        return out;
    }
}
