package tandem.emotion.model;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Typed reads of free-form {@code key=value} options (a fusion variant's or a head's), with messages that name the
 * owner ("fusion option", "head option"), the key and the value.
 */
public final class OptionValues {
    private OptionValues() {}

    public static int intValue(String owner, Map<String, String> values, String key, int fallback) {
        return parsed(owner, values, key, fallback, Integer::parseInt, "is not an integer");
    }

    public static double doubleValue(String owner, Map<String, String> values, String key, double fallback) {
        return parsed(owner, values, key, fallback, Double::parseDouble, "is not a number");
    }

    private static <T> T parsed(String owner, Map<String, String> values, String key, T fallback, Function<String, T> parse, String problem) {
        String v = values.get(key);
        if (v == null) return fallback;
        try {
            return parse.apply(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(owner + " " + key + "=" + v + " " + problem);
        }
    }

    public static boolean boolValue(String owner, Map<String, String> values, String key, boolean fallback) {
        String v = values.get(key);
        if (v == null) return fallback;
        if (v.equals("true") || v.equals("false")) return Boolean.parseBoolean(v);
        throw new IllegalArgumentException(owner + " " + key + "=" + v + " must be true or false");
    }

    /** Rejects keys outside {@code known}, so a typo in a model spec fails loudly instead of being ignored. */
    public static void requireKnown(String owner, Map<String, String> values, Set<String> known) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(owner + ": unknown option(s) " + unknown + "; known: " + new TreeSet<>(known));
        }
    }
}
