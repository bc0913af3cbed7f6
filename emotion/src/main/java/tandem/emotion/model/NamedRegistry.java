package tandem.emotion.model;

import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Factories of one kind by name: every provider that {@link ServiceLoader} finds for the factory type (Tandem's own are
 * listed in {@code META-INF/services}, a plugin jar lists its own the same way), plus any registered in code. Providers
 * are looked up once, with the thread's context class loader, the first time a name is asked for.
 */
public final class NamedRegistry<F> {
    private final String kind;
    private final Class<F> type;
    private final Function<F, String> nameOf;
    private final Map<String, F> byName = new TreeMap<>();
    private boolean discovered;

    /** @param kind the model-spec key the names are given under, for messages ("fusion", "head") */
    public NamedRegistry(String kind, Class<F> type, Function<F, String> nameOf) {
        this.kind = kind;
        this.type = type;
        this.nameOf = nameOf;
    }

    /** Adds {@code factory} under its own name; a name can be taken only once. */
    public synchronized void register(F factory) {
        discover();
        add(factory);
    }

    public synchronized F get(String name) {
        discover();
        F f = byName.get(name);
        if (f == null) throw new IllegalArgumentException("unknown " + kind + " '" + name + "'; known: " + String.join(", ", byName.keySet()));
        return f;
    }

    public synchronized Set<String> names() {
        discover();
        return Collections.unmodifiableSet(new TreeSet<>(byName.keySet()));
    }

    private void discover() {
        if (discovered) return;
        discovered = true;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (F f : ServiceLoader.load(type, loader != null ? loader : type.getClassLoader())) add(f);
    }

    private void add(F factory) {
        String name = nameOf.apply(factory);
        if (name == null || name.isBlank()) throw new IllegalArgumentException(kind + " factory " + factory.getClass().getName() + " has no name");
        F old = byName.putIfAbsent(name, factory);
        if (old != null && old.getClass() != factory.getClass()) {
            throw new IllegalArgumentException(kind + " '" + name + "' is registered twice: by " + old.getClass().getName() + " and by "
                    + factory.getClass().getName());
        }
    }
}
