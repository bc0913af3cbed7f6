package tandem.emotion.protocol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tandem.tensor.CounterRng;

/**
 * Draws the same number of sub-segments from every class (the smallest class count, or fewer when capped), at random
 * for a seed: the seed paper's "randomly extracted 30-frame-length non-intersecting segments, ensuring the balance
 * between classes", done anew for each repeat.
 */
public final class BalancedSampler {
    private BalancedSampler() {}

    public static List<SubSegment> sample(List<SubSegment> all, int classes, long seed, int perClassCap) {
        List<List<SubSegment>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) byClass.add(new ArrayList<>());
        for (SubSegment s : all) byClass.get(s.label()).add(s);
        int n = Integer.MAX_VALUE;
        for (int c = 0; c < classes; c++) {
            if (byClass.get(c).isEmpty()) {
                throw new IllegalArgumentException("class-balanced sampling: class " + c + " has no sub-segments");
            }
            n = Math.min(n, byClass.get(c).size());
        }
        if (perClassCap > 0) n = Math.min(n, perClassCap);
        List<SubSegment> out = new ArrayList<>();
        for (int c = 0; c < classes; c++) out.addAll(shuffled(byClass.get(c), seed + 7919L * c).subList(0, n));
        return out;
    }

    /** A seeded permutation: sort by a counter-based key, so the order does not depend on the input's history. */
    static <T> List<T> shuffled(List<T> items, long seed) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) idx.add(i);
        idx.sort(Comparator.comparingLong(i -> CounterRng.bits(seed, i)));
        List<T> out = new ArrayList<>();
        for (int i : idx) out.add(items.get(i));
        return out;
    }
}
