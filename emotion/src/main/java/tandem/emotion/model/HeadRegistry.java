package tandem.emotion.model;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Classifier heads by name. "linear" (MSAF's pooling/flatten + fully connected layer) is always there. */
public final class HeadRegistry {
    private static final Map<String, HeadFactory> HEADS = new TreeMap<>();

    static {
        HEADS.put("linear", LinearModalityHead::new);
    }

    private HeadRegistry() {}

    public static synchronized void register(String name, HeadFactory factory) {
        if (HEADS.putIfAbsent(name, factory) != null) throw new IllegalArgumentException("head '" + name + "' already registered");
    }

    public static synchronized HeadFactory get(String name) {
        HeadFactory f = HEADS.get(name);
        if (f == null) throw new IllegalArgumentException("unknown head '" + name + "'; known: " + String.join(", ", HEADS.keySet()));
        return f;
    }

    public static synchronized Set<String> names() { return Collections.unmodifiableSet(new TreeSet<>(HEADS.keySet())); }
}
