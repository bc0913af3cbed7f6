package tandem.emotion.model;

import java.util.Set;

/**
 * A fusion variant or head that no registry knows: neither built in nor provided by a jar on the class path (a
 * plugin, see {@code --plugin}). Carries what was asked for, so a caller can say where to get it.
 */
public final class UnknownNameException extends IllegalArgumentException {
    private final String kind, name;

    public UnknownNameException(String kind, String name, Set<String> known) {
        super("unknown " + kind + " '" + name + "'; known: " + String.join(", ", known));
        this.kind = kind;
        this.name = name;
    }

    /** "fusion" or "head": the model-spec key the name was given under. */
    public String kind() { return kind; }

    public String name() { return name; }
}
