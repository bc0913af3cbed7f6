package tandem.emotion.model.fusion;

import java.util.Set;
import tandem.emotion.model.OptionValues;

/** Rejects option keys a variant does not know, so a typo in a model spec fails loudly instead of being ignored. */
public final class OptionKeys {
    private OptionKeys() {}

    /** Fails with "fusion 'VARIANT': unknown option(s) [...]; known: [...]" when an option is not one of {@code known}. */
    public static void requireKnown(String variant, FusionOptions options, Set<String> known) {
        OptionValues.requireKnown("fusion '" + variant + "'", options.values(), known);
    }
}
