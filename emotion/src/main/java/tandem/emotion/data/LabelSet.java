package tandem.emotion.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The classes of a run by name, in the order of the model's logits. A run takes them from its data (every label its
 * manifest holds, sorted) or from the user ({@code --classes a,b,c}, in the order given); the order is then fixed in
 * run.json and in every checkpoint, so reports, {@code predict} and {@code explain} speak in names.
 * <p>
 * Labels are compared lower-case with surrounding blanks removed ({@link #normalise}), so "Joy " and "joy" are one
 * class. A label cannot hold a comma: comma-separated lists of names are how classes are given and stored.
 */
public record LabelSet(List<String> names) {
    public LabelSet {
        List<String> normalised = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            String label = normalise(n);
            if (!seen.add(label)) throw new IllegalArgumentException("class '" + label + "' is listed twice in " + names);
            normalised.add(label);
        }
        if (normalised.isEmpty()) throw new IllegalArgumentException("a label set needs at least one class");
        names = List.copyOf(normalised);
    }

    public static LabelSet of(String... names) { return new LabelSet(List.of(names)); }

    /** {@code "anger,joy,sad"} (blanks around names ignored), in that order. */
    public static LabelSet parse(String commaSeparated) {
        List<String> names = new ArrayList<>();
        for (String part : commaSeparated.split(",", -1)) {
            if (part.isBlank()) throw new IllegalArgumentException("class list '" + commaSeparated + "' has an empty name");
            names.add(part);
        }
        return new LabelSet(names);
    }

    /**
     * The canonical form of a label: blanks around it removed, lower case. Fails, naming the label, when it is empty
     * or holds a comma or a control character.
     */
    public static String normalise(String label) {
        String s = label.strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) throw new IllegalArgumentException("empty label");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',') throw new IllegalArgumentException("label '" + label + "' holds a comma; a label is a name without commas");
            if (Character.isISOControl(c)) throw new IllegalArgumentException("label '" + label.replace("\n", "\\n") + "' holds a control character");
        }
        return s;
    }

    public int size() { return names.size(); }

    public String name(int index) { return names.get(index); }

    public boolean contains(String label) { return names.contains(normalise(label)); }

    /** The logit index of {@code label}; fails naming the label and the classes there are. */
    public int indexOf(String label) {
        int i = names.indexOf(normalise(label));
        if (i < 0) throw new IllegalArgumentException("label '" + label + "' is not one of the classes " + this);
        return i;
    }

    /** The names joined by commas: the form {@link #parse} reads and checkpoints store. */
    @Override
    public String toString() { return String.join(",", names); }
}
