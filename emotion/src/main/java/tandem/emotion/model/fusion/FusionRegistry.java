package tandem.emotion.model.fusion;

import java.util.Set;
import tandem.emotion.model.NamedRegistry;

/**
 * Fusion variants by name: every {@link FusionFactory} service on the class path (Tandem's own are listed in
 * {@code META-INF/services}; see docs/fusion-variants.md for adding one), plus any registered in code.
 */
public final class FusionRegistry {
    private static final NamedRegistry<FusionFactory> VARIANTS =
            new NamedRegistry<>("fusion", FusionFactory.class, FusionFactory::name);

    private FusionRegistry() {}

    public static void register(FusionFactory factory) { VARIANTS.register(factory); }

    public static FusionFactory get(String name) { return VARIANTS.get(name); }

    public static Set<String> names() { return VARIANTS.names(); }

    /** The class providing {@code name} and the jar or folder it came from: what a checkpoint records. */
    public static String provider(String name) { return VARIANTS.provider(name); }
}
