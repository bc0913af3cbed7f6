package tandem.emotion.model.fusion;

import java.util.Map;
import tandem.emotion.model.OptionValues;

/**
 * Free-form options of a fusion variant ("windows=4", "dim=64", "gate=sigmoid"), parsed from the model spec string
 * ({@code fusion.KEY=VALUE}). Each variant documents and validates its own keys ({@link OptionKeys#requireKnown}).
 */
public record FusionOptions(Map<String, String> values) {
    public FusionOptions {
        values = Map.copyOf(values);
    }

    public static FusionOptions none() { return new FusionOptions(Map.of()); }

    public int intValue(String key, int fallback) { return OptionValues.intValue("fusion option", values, key, fallback); }

    public double doubleValue(String key, double fallback) { return OptionValues.doubleValue("fusion option", values, key, fallback); }

    public String stringValue(String key, String fallback) { return values.getOrDefault(key, fallback); }

    public boolean boolValue(String key, boolean fallback) { return OptionValues.boolValue("fusion option", values, key, fallback); }
}
