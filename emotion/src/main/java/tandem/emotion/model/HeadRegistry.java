package tandem.emotion.model;

import java.util.Set;

/**
 * Classifier heads by name: "linear" (MSAF's pooling or flattening + a fully connected layer) and "classmap" (the seed
 * paper's class maps by squeeze-and-excitation, section 4.2) are built in ({@link BuiltinHeads}); others come as
 * {@link HeadFactory} services, registered the same way as fusion variants.
 */
public final class HeadRegistry {
    private static final NamedRegistry<HeadFactory> HEADS = new NamedRegistry<>("head", HeadFactory.class, HeadFactory::name);

    private HeadRegistry() {}

    public static void register(HeadFactory factory) { HEADS.register(factory); }

    public static HeadFactory get(String name) { return HEADS.get(name); }

    public static Set<String> names() { return HEADS.names(); }

    /** The class providing {@code name} and the jar or folder it came from: what a checkpoint records. */
    public static String provider(String name) { return HEADS.provider(name); }
}
