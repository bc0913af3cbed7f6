package tandem.emotion.model;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Factories of one kind by name: every provider that {@link ServiceLoader} finds for the factory type (Tandem's own are
 * listed in {@code META-INF/services}, a plugin jar lists its own the same way), plus any registered in code.
 * <p>
 * Providers are looked up with the thread's context class loader: a command run with plugin jars ({@code --plugin})
 * sees their variants, and the same process without that loader does not. Tandem's own class loader is searched once;
 * another (a plugin loader, which lives for one command) is searched on every lookup, so that no cache keeps it and its
 * classes alive. Names registered in code are seen under every loader.
 */
public final class NamedRegistry<F> {
    private final String kind;
    private final Class<F> type;
    private final Function<F, String> nameOf;
    private final Map<String, F> registered = new TreeMap<>();
    private Map<String, F> own;

    /** @param kind the model-spec key the names are given under, for messages ("fusion", "head") */
    public NamedRegistry(String kind, Class<F> type, Function<F, String> nameOf) {
        this.kind = kind;
        this.type = type;
        this.nameOf = nameOf;
    }

    /** Adds {@code factory} under its own name; a name can be taken only once. */
    public synchronized void register(F factory) {
        boolean isNew = !registered.containsKey(nameOf.apply(factory));
        add(registered, factory);
        try {
            visible();                          // fails when a provider on the class path already has this name
        } catch (IllegalArgumentException e) {
            if (isNew) registered.remove(nameOf.apply(factory));
            throw e;
        }
    }

    /** The factory named {@code name}; an {@link UnknownNameException} listing the known names when there is none. */
    public synchronized F get(String name) {
        F f = visible().get(name);
        if (f == null) throw new UnknownNameException(kind, name, visible().keySet());
        return f;
    }

    public synchronized Set<String> names() { return Collections.unmodifiableSet(new TreeSet<>(visible().keySet())); }

    /** The class that provides {@code name}, and where it was loaded from (a jar or folder), for checkpoints and errors. */
    public synchronized String provider(String name) {
        Class<?> c = get(name).getClass();
        CodeSource source = c.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) return c.getName();
        String from;
        try {
            from = String.valueOf(Path.of(source.getLocation().toURI()).getFileName());
        } catch (URISyntaxException | RuntimeException e) {
            from = source.getLocation().toString();
        }
        return c.getName() + " (" + from + ")";
    }

    private Map<String, F> visible() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null || loader == type.getClassLoader()) {
            if (own == null) own = discover(type.getClassLoader());
            loader = null;
        }
        Map<String, F> all = new TreeMap<>(loader == null ? own : discover(loader));
        for (var e : registered.entrySet()) add(all, e.getValue());
        return all;
    }

    private Map<String, F> discover(ClassLoader loader) {
        Map<String, F> found = new TreeMap<>();
        for (F f : ServiceLoader.load(type, loader)) add(found, f);
        return found;
    }

    private void add(Map<String, F> into, F factory) {
        String name = nameOf.apply(factory);
        if (name == null || name.isBlank()) throw new IllegalArgumentException(kind + " factory " + factory.getClass().getName() + " has no name");
        F old = into.putIfAbsent(name, factory);
        if (old != null && old.getClass() != factory.getClass()) {
            throw new IllegalArgumentException(kind + " '" + name + "' is registered twice: by " + old.getClass().getName() + " and by "
                    + factory.getClass().getName());
        }
    }
}
