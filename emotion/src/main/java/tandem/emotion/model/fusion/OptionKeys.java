package tandem.emotion.model.fusion;

import java.util.Set;
import java.util.TreeSet;

/** Rejects option keys a variant does not know, so a typo in a model spec fails loudly instead of being ignored. */
final class OptionKeys {
    private OptionKeys() {}

    static void requireKnown(String variant, FusionOptions options, Set<String> known) {
        Set<String> unknown = new TreeSet<>(options.values().keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("fusion '" + variant + "': unknown option(s) " + unknown + "; known: " + new TreeSet<>(known));
        }
    }
}
