package tandem.emotion.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The four classes of the seed paper's children's corpus, which the synthetic corpus draws. A run does not use this
 * enum: its classes are the labels of its data ({@link LabelSet}), so these four are simply the names the synthetic
 * manifests hold (and, sorted, the order of a model trained on them).
 */
public enum Emotion {
    ANGER("anger"),
    JOY("joy"),
    NEUTRAL("neutral"),
    SAD("sad");

    private final String label;

    Emotion(String label) {
        this.label = label;
    }

    /** The lower-case label used in manifests and reports. */
    public String label() { return label; }

    /** The class whose label is {@code label} (case and surrounding blanks ignored), if any. */
    public static Optional<Emotion> parse(String label) {
        String wanted = label.strip().toLowerCase(Locale.ROOT);
        for (Emotion e : values()) {
            if (e.label.equals(wanted)) return Optional.of(e);
        }
        return Optional.empty();
    }

    /** Like {@link #parse} but fails with a message that lists the known labels. */
    public static Emotion fromLabel(String label) {
        return parse(label).orElseThrow(() -> new IllegalArgumentException(
                "unknown label '" + label + "' (known: " + knownLabels() + ")"));
    }

    /** {@code "anger, joy, neutral, sad"}. */
    public static String knownLabels() {
        return Arrays.stream(values()).map(Emotion::label).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() { return label; }
}
