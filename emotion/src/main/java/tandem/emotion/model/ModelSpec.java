package tandem.emotion.model;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tandem.emotion.model.fusion.FusionOptions;
import tandem.emotion.model.fusion.FusionPoint;
import tandem.emotion.model.fusion.FusionRegistry;

/**
 * Everything that decides a model's shape, written as comma-separated key=value pairs, checked by
 * {@link ModelSpecLimits} (every integer in its range, the whole model within the memory of this JVM):
 * {@code preset=tiny,fusion=window,head=classmap,classes=4,fusion.windows=4}.
 * <ul>
 * <li>{@code preset}: ravdess, small, tiny (default tiny)</li>
 * <li>{@code fusion}: none (late sum of the two branches' logits, default) or a registered variant (msaf, window, ...)</li>
 * <li>{@code head}: a registered classifier head (linear, classmap, ...; default linear)</li>
 * <li>{@code classes}: number of classes (default 4, the children's corpus; RAVDESS has 8)</li>
 * <li>{@code modality}: both, video, audio (default both; a single modality takes no fusion)</li>
 * <li>{@code points}: where fusion blocks sit, mid, late or mid+late (default: the variant's own choice)</li>
 * <li>{@code stemrelu}: ReLU after the video stem's batch norm (default: true without fusion as Hara's network,
 * false with fusion as MSAF's fused network)</li>
 * <li>{@code video.frames}, {@code video.size}, {@code audio.frames}: input sizes other than the preset's</li>
 * <li>{@code fusion.NAME}: option NAME of the fusion variant, e.g. {@code fusion.windows=4}; also written with the
 * variant's name, {@code fusion.msaf.split=2} (for that variant only)</li>
 * <li>{@code head.NAME}: option NAME of the head, e.g. {@code head.score=plain}; also {@code head.classmap.score=plain}</li>
 * </ul>
 *
 * @param points      empty for the fusion variant's default points
 * @param headOptions the {@code head.*} options, passed to the head's factory
 */
public record ModelSpec(ModelPreset preset, String fusion, String head, int classes, Modality modality,
                        Set<FusionPoint> points, FusionOptions fusionOptions, boolean stemRelu, HeadOptions headOptions) {
    public static final String NO_FUSION = "none";
    private static final List<String> KEYS = List.of("preset", "fusion", "head", "classes", "modality", "points", "stemrelu",
            "video.frames", "video.size", "audio.frames");
    private static final String OPTION_PREFIX = "fusion.", HEAD_OPTION_PREFIX = "head.";

    /** A spec without head options. */
    public ModelSpec(ModelPreset preset, String fusion, String head, int classes, Modality modality, Set<FusionPoint> points,
                     FusionOptions fusionOptions, boolean stemRelu) {
        this(preset, fusion, head, classes, modality, points, fusionOptions, stemRelu, HeadOptions.none());
    }

    public ModelSpec {
        Objects.requireNonNull(headOptions, "headOptions");
        points = points.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(points));
        HeadRegistry.get(head);
        if (!fusion.equals(NO_FUSION)) {
            FusionRegistry.get(fusion);
            if (modality != Modality.BOTH) {
                throw new IllegalArgumentException("model spec: fusion=" + fusion + " needs modality=both, got modality=" + modality.key());
            }
        } else if (!points.isEmpty() || !fusionOptions.values().isEmpty()) {
            throw new IllegalArgumentException("model spec: fusion points and fusion.* options need a fusion variant, but fusion=none");
        }
        ModelSpecLimits.check(preset, fusion, head, classes, modality, points, fusionOptions, headOptions);
    }

    /** A spec with the default points, no fusion options and the default stem ReLU. */
    public static ModelSpec of(ModelPreset preset, String fusion, String head, int classes, Modality modality) {
        return new ModelSpec(preset, fusion, head, classes, modality, Set.of(), FusionOptions.none(), fusion.equals(NO_FUSION));
    }

    public boolean hasFusion() { return !fusion.equals(NO_FUSION); }

    /** The same model for {@code n} classes. */
    public ModelSpec withClasses(int n) {
        return new ModelSpec(preset, fusion, head, n, modality, points, fusionOptions, stemRelu, headOptions);
    }

    /**
     * One branch of this model as its own unimodal network, for pre-training: the same preset, head, head options and
     * classes, no fusion, and the stem ReLU of the unimodal network (Hara's).
     */
    public ModelSpec unimodal(Modality branch) {
        if (branch == Modality.BOTH) throw new IllegalArgumentException("model spec: a unimodal model needs modality video or audio");
        return new ModelSpec(preset, NO_FUSION, head, classes, branch, Set.of(), FusionOptions.none(), true, headOptions);
    }

    /** Parses the key=value form; every problem names the key and the allowed values. */
    public static ModelSpec parse(String text) {
        Map<String, String> kv = new LinkedHashMap<>();
        Map<String, String> options = new TreeMap<>(), headOptions = new TreeMap<>();
        for (String part : text.split(",")) {
            String entry = part.trim();
            if (entry.isEmpty()) continue;
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) throw new IllegalArgumentException("model spec: '" + entry + "' is not key=value");
            String key = entry.substring(0, eq).trim(), value = entry.substring(eq + 1).trim();
            boolean option = key.startsWith(OPTION_PREFIX) && key.length() > OPTION_PREFIX.length();
            boolean headOption = key.startsWith(HEAD_OPTION_PREFIX) && key.length() > HEAD_OPTION_PREFIX.length();
            if (!option && !headOption && !KEYS.contains(key)) {
                throw new IllegalArgumentException("model spec: unknown key '" + key + "'; known: " + String.join(", ", KEYS)
                        + ", fusion.<option>, head.<option>");
            }
            Map<String, String> target = option ? options : headOption ? headOptions : kv;
            String name = option ? key.substring(OPTION_PREFIX.length()) : headOption ? key.substring(HEAD_OPTION_PREFIX.length()) : key;
            if (target.put(name, value) != null) throw new IllegalArgumentException("model spec: key '" + key + "' given twice");
        }
        ModelPreset preset = ModelPreset.byName(kv.getOrDefault("preset", "tiny"));
        if (kv.containsKey("video.frames") || kv.containsKey("video.size") || kv.containsKey("audio.frames")) {
            preset = preset.withInput(intValue(kv, "video.frames", preset.video().frames()), intValue(kv, "video.size", preset.video().size()),
                    intValue(kv, "audio.frames", preset.audioFrames()));
        }
        String fusion = kv.getOrDefault("fusion", NO_FUSION), head = kv.getOrDefault("head", "linear");
        return new ModelSpec(preset, fusion, head, intValue(kv, "classes", 4),
                Modality.parse(kv.getOrDefault("modality", "both")), parsePoints(kv.get("points")),
                new FusionOptions(unqualified(options, "fusion", fusion)), boolValue(kv, "stemrelu", fusion.equals(NO_FUSION)),
                new HeadOptions(unqualified(headOptions, "head", head)));
    }

    /**
     * Options written with their owner's name ({@code fusion.msaf.split=2} as {@code split=2}); an option qualified
     * with another variant's name is an error, since it would silently do nothing.
     */
    private static Map<String, String> unqualified(Map<String, String> options, String kind, String owner) {
        Map<String, String> out = new TreeMap<>();
        Set<String> otherNames = kind.equals("fusion") ? FusionRegistry.names() : HeadRegistry.names();
        for (var e : options.entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.');
            String first = dot > 0 ? key.substring(0, dot) : "";
            if (first.equals(owner)) {
                key = key.substring(dot + 1);
            } else if (otherNames.contains(first)) {
                throw new IllegalArgumentException("model spec: option " + kind + "." + e.getKey() + " is for " + kind + " '" + first
                        + "', but " + kind + "=" + owner);
            }
            if (out.put(key, e.getValue()) != null) {
                throw new IllegalArgumentException("model spec: option " + kind + "." + key + " given twice (once as " + kind + "." + e.getKey() + ")");
            }
        }
        return out;
    }

    /** The keys written in {@code text}, as written ({@code classes}, {@code fusion.windows}, ...), without checking them. */
    public static Set<String> keysIn(String text) { return new TreeSet<>(entriesIn(text).keySet()); }

    /** The key=value entries of {@code text} as written, without checking them (the last one wins for a repeated key). */
    public static Map<String, String> entriesIn(String text) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) entries.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return entries;
    }

    private static int intValue(Map<String, String> kv, String key, int fallback) {
        String v = kv.get(key);
        return v == null ? fallback : ModelSpecLimits.intValue(key, v);
    }

    private static boolean boolValue(Map<String, String> kv, String key, boolean fallback) {
        String v = kv.get(key);
        if (v == null) return fallback;
        if (v.equals("true") || v.equals("false")) return Boolean.parseBoolean(v);
        throw new IllegalArgumentException("model spec: " + key + "=" + v + " must be true or false");
    }

    private static Set<FusionPoint> parsePoints(String v) {
        if (v == null) return Set.of();
        Set<FusionPoint> out = EnumSet.noneOf(FusionPoint.class);
        for (String p : v.split("\\+")) {
            FusionPoint point = null;
            for (FusionPoint f : FusionPoint.values()) if (f.name().equalsIgnoreCase(p.trim())) point = f;
            if (point == null) throw new IllegalArgumentException("model spec: points=" + v + " has unknown point '" + p + "'; known: mid, late (join with +)");
            out.add(point);
        }
        return out;
    }

    /** The canonical key=value form; {@code parse(toString())} gives an equal spec. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("preset=" + preset.name());
        parts.add("fusion=" + fusion);
        parts.add("head=" + head);
        parts.add("classes=" + classes);
        parts.add("modality=" + modality.key());
        if (!points.isEmpty()) parts.add("points=" + String.join("+", EnumSet.copyOf(points).stream().map(p -> p.name().toLowerCase(Locale.ROOT)).toList()));
        parts.add("stemrelu=" + stemRelu);
        boolean presetSizes = ModelPreset.ALL.stream().anyMatch(p -> p.equals(preset));
        if (!presetSizes) {
            parts.add("video.frames=" + preset.video().frames());
            parts.add("video.size=" + preset.video().size());
            parts.add("audio.frames=" + preset.audioFrames());
        }
        new TreeMap<>(fusionOptions.values()).forEach((k, v) -> parts.add(OPTION_PREFIX + k + "=" + v));
        new TreeMap<>(headOptions.values()).forEach((k, v) -> parts.add(HEAD_OPTION_PREFIX + k + "=" + v));
        return String.join(",", parts);
    }
}
