package tandem.emotion.model;

import tandem.emotion.model.head.ClassMapHead;
import tandem.emotion.model.head.LinearHead;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Classifier heads by name: "linear" (MSAF's pooling or flattening + a fully connected layer) and "classmap" (the seed
 * paper's class maps by squeeze-and-excitation, section 4.2) are built in.
 */
public final class HeadRegistry {
    private static final Map<String, HeadFactory> HEADS = new TreeMap<>();

    static {
        // video features (C, T, H, W) are pooled, audio features (C, L) flattened, as MSAF's classifiers
        HEADS.put("linear", (shape, classes) -> shape.length == 4 ? LinearHead.video(shape[0], classes)
                : LinearHead.audio(shape[0], shape[1], classes));
        HEADS.put("classmap", (shape, classes) -> new ClassMapHead(shape[0], classes));
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
