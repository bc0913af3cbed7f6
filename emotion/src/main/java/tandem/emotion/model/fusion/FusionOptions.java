package tandem.emotion.model.fusion;

import java.util.Map;

/**
 * Free-form options of a fusion variant ("windows=4", "dim=64", "gate=sigmoid"), parsed from the model spec string.
 * Each variant documents and validates its own keys.
 */
public record FusionOptions(Map<String, String> values) {
    public FusionOptions {
        values = Map.copyOf(values);
    }

    public static FusionOptions none() { return new FusionOptions(Map.of()); }

    public int intValue(String key, int fallback) {
        String v = values.get(key);
        if (v == null) return fallback;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fusion option " + key + "=" + v + " is not an integer");
        }
    }

    public double doubleValue(String key, double fallback) {
        String v = values.get(key);
        if (v == null) return fallback;
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fusion option " + key + "=" + v + " is not a number");
        }
    }

    public String stringValue(String key, String fallback) { return values.getOrDefault(key, fallback); }

    public boolean boolValue(String key, boolean fallback) {
        String v = values.get(key);
        if (v == null) return fallback;
        if (v.equals("true") || v.equals("false")) return Boolean.parseBoolean(v);
        throw new IllegalArgumentException("fusion option " + key + "=" + v + " must be true or false");
    }
}
