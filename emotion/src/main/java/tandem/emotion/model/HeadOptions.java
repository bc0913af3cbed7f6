package tandem.emotion.model;

import java.util.Map;
import java.util.Set;

/**
 * Free-form options of a classifier head ("score=plain", "reduction=8"), given in a model spec as {@code head.KEY=VALUE}.
 * Each head documents and validates its own keys ({@link #requireKnown}).
 */
public record HeadOptions(Map<String, String> values) {
    public HeadOptions {
        values = Map.copyOf(values);
    }

    public static HeadOptions none() { return new HeadOptions(Map.of()); }

    public int intValue(String key, int fallback) { return OptionValues.intValue("head option", values, key, fallback); }

    public String stringValue(String key, String fallback) { return values.getOrDefault(key, fallback); }

    public boolean boolValue(String key, boolean fallback) { return OptionValues.boolValue("head option", values, key, fallback); }

    /** Fails, naming the head and the keys it knows, when an option is not one of {@code known}. */
    public void requireKnown(String head, Set<String> known) { OptionValues.requireKnown("head '" + head + "'", values, known); }
}
