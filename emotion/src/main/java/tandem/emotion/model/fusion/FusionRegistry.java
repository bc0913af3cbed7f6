package tandem.emotion.model.fusion;

import java.util.Map;
import java.util.TreeMap;

/** Fusion variants by name. A new variant is one class plus one {@link #register} line (see docs/fusion-variants.md). */
public final class FusionRegistry {
    private static final Map<String, FusionFactory> VARIANTS = new TreeMap<>();

    private FusionRegistry() {}

    public static synchronized void register(String name, FusionFactory factory) {
        if (VARIANTS.putIfAbsent(name, factory) != null) throw new IllegalArgumentException("fusion variant '" + name + "' already registered");
    }

    public static synchronized FusionFactory get(String name) {
        BuiltinFusions.ensureRegistered();
        FusionFactory f = VARIANTS.get(name);
        if (f == null) throw new IllegalArgumentException("unknown fusion '" + name + "'; known: " + String.join(", ", VARIANTS.keySet()));
        return f;
    }

    public static synchronized java.util.Set<String> names() {
        BuiltinFusions.ensureRegistered();
        return java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(VARIANTS.keySet()));
    }
}
