package tandem.emotion.live;

import java.util.ArrayDeque;
import java.util.Locale;

/**
 * How a decision is smoothed over the last {@code last} windows, so that the timeline does not flicker between
 * classes on every window:
 * <ul>
 *   <li>{@code exp}: an exponential moving average of the probabilities with {@code alpha = 2 / (K + 1)} (the
 *       weighting whose centre of mass is that of a plain mean over K windows), decided by its largest entry;</li>
 *   <li>{@code majority}: the class most windows among the last K decided for; on a tie, the one decided most
 *       recently.</li>
 * </ul>
 * K = 1 decides every window on its own.
 */
public record Smoothing(Kind kind, int last) {
    public enum Kind {
        EXP, MAJORITY;

        public String key() { return name().toLowerCase(Locale.ROOT); }
    }

    public Smoothing {
        if (last < 1) throw new IllegalArgumentException("--last must be at least 1 window, got " + last);
    }

    /** {@code exp} or {@code majority}, over the last {@code last} windows. */
    public static Smoothing parse(String kind, int last) {
        for (Kind k : Kind.values()) if (k.key().equals(kind)) return new Smoothing(k, last);
        throw new IllegalArgumentException("--smooth: unknown smoothing '" + kind + "'; known: exp, majority");
    }

    /** A fresh smoother for a timeline of {@code classes} probabilities per window. */
    public Smoother start(int classes) {
        return kind == Kind.EXP ? new Exponential(classes, 2.0 / (last + 1)) : new Majority(classes, last);
    }

    @Override
    public String toString() { return kind.key() + " over " + last + " window" + (last == 1 ? "" : "s"); }

    /** Takes each window's probabilities in order and returns the smoothed decision, a class index. */
    public interface Smoother {
        int update(double[] probabilities);
    }

    /** The index of the largest value, the first on ties (as {@code predict} decides). */
    public static int argmax(double[] values) {
        int best = 0;
        for (int c = 1; c < values.length; c++) if (values[c] > values[best]) best = c;
        return best;
    }

    private static final class Exponential implements Smoother {
        private final double alpha;
        private final double[] average;
        private boolean started;

        Exponential(int classes, double alpha) {
            this.alpha = alpha;
            this.average = new double[classes];
        }

        @Override
        public int update(double[] p) {
            for (int c = 0; c < average.length; c++) average[c] = started ? alpha * p[c] + (1 - alpha) * average[c] : p[c];
            started = true;
            return argmax(average);
        }
    }

    private static final class Majority implements Smoother {
        private final int last;
        private final int[] votes;
        private final ArrayDeque<Integer> recent = new ArrayDeque<>();

        Majority(int classes, int last) {
            this.last = last;
            this.votes = new int[classes];
        }

        @Override
        public int update(double[] p) {
            int decided = argmax(p);
            recent.addLast(decided);
            votes[decided]++;
            if (recent.size() > last) votes[recent.removeFirst()]--;
            int best = decided;                                  // ties go to the most recent decision among them
            for (var it = recent.descendingIterator(); it.hasNext(); ) {
                int c = it.next();
                if (votes[c] > votes[best]) best = c;
            }
            return best;
        }
    }
}
