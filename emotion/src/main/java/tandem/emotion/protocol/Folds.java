package tandem.emotion.protocol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * k-fold splits of sub-segments. RANDOM is the seed paper's protocol (stratified by class, 80/20 for k = 5); because
 * sub-segments of one recording then fall on both sides, it leaks, so SUBJECT keeps every subject's sub-segments in
 * one fold (subjects dealt to folds at random, round-robin).
 */
public final class Folds {
    private Folds() {}

    public enum Kind { RANDOM, SUBJECT }

    /** Indices into the item list. */
    public record Split(int fold, int[] train, int[] test) {}

    public static List<Split> split(List<SubSegment> items, int k, Kind kind, long seed) {
        if (k < 2) throw new IllegalArgumentException("k-fold needs k >= 2, got " + k);
        int[] foldOf = new int[items.size()];
        if (kind == Kind.RANDOM) {
            TreeSet<Integer> labels = new TreeSet<>();
            for (SubSegment s : items) labels.add(s.label());
            for (int label : labels) {
                List<Integer> idx = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) if (items.get(i).label() == label) idx.add(i);
                List<Integer> order = BalancedSampler.shuffled(idx, seed + label);
                for (int j = 0; j < order.size(); j++) foldOf[order.get(j)] = j % k;
            }
        } else {
            List<String> subjects = new ArrayList<>(new TreeSet<>(items.stream().map(SubSegment::subject).toList()));
            if (subjects.size() < k) {
                throw new IllegalArgumentException("subject-independent " + k + "-fold needs at least " + k + " subjects, the data has "
                        + subjects.size());
            }
            List<String> order = BalancedSampler.shuffled(subjects, seed);
            Map<String, Integer> fold = new HashMap<>();
            for (int j = 0; j < order.size(); j++) fold.put(order.get(j), j % k);
            for (int i = 0; i < items.size(); i++) foldOf[i] = fold.get(items.get(i).subject());
        }
        List<Split> out = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            List<Integer> train = new ArrayList<>(), test = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) (foldOf[i] == f ? test : train).add(i);
            out.add(new Split(f, train.stream().mapToInt(Integer::intValue).toArray(), test.stream().mapToInt(Integer::intValue).toArray()));
        }
        return out;
    }
}
