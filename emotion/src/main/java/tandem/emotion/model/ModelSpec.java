package tandem.emotion.model;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * <li>{@code fusion.NAME}: option NAME of the fusion variant, e.g. {@code fusion.windows=4}</li>
 * </ul>
 *
 * @param points empty for the fusion variant's default points
 */
public record ModelSpec(ModelPreset preset, String fusion, String head, int classes, Modality modality,
                        Set<FusionPoint> points, FusionOptions fusionOptions, boolean stemRelu) {
    public static final String NO_FUSION = "none";
    private static final List<String> KEYS = List.of("preset", "fusion", "head", "classes", "modality", "points", "stemrelu",
            "video.frames", "video.size", "audio.frames");
    private static final String OPTION_PREFIX = "fusion.";

    public ModelSpec {
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
        ModelSpecLimits.check(preset, fusion, head, classes, modality, points, fusionOptions);
    }

    /** A spec with the default points, no fusion options and the default stem ReLU. */
    public static ModelSpec of(ModelPreset preset, String fusion, String head, int classes, Modality modality) {
        return new ModelSpec(preset, fusion, head, classes, modality, Set.of(), FusionOptions.none(), fusion.equals(NO_FUSION));
    }

    public boolean hasFusion() { return !fusion.equals(NO_FUSION); }

    /** Parses the key=value form; every problem names the key and the allowed values. */
    public static ModelSpec parse(String text) {
        Map<String, String> kv = new LinkedHashMap<>();
        Map<String, String> options = new TreeMap<>();
        for (String part : text.split(",")) {
            String entry = part.trim();
            if (entry.isEmpty()) continue;
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) throw new IllegalArgumentException("model spec: '" + entry + "' is not key=value");
            String key = entry.substring(0, eq).trim(), value = entry.substring(eq + 1).trim();
            boolean option = key.startsWith(OPTION_PREFIX) && key.length() > OPTION_PREFIX.length();
            if (!option && !KEYS.contains(key)) {
                throw new IllegalArgumentException("model spec: unknown key '" + key + "'; known: " + String.join(", ", KEYS) + ", fusion.<option>");
            }
            Map<String, String> target = option ? options : kv;
            String name = option ? key.substring(OPTION_PREFIX.length()) : key;
            if (target.put(name, value) != null) throw new IllegalArgumentException("model spec: key '" + key + "' given twice");
        }
        ModelPreset preset = ModelPreset.byName(kv.getOrDefault("preset", "tiny"));
        if (kv.containsKey("video.frames") || kv.containsKey("video.size") || kv.containsKey("audio.frames")) {
            preset = preset.withInput(intValue(kv, "video.frames", preset.video().frames()), intValue(kv, "video.size", preset.video().size()),
                    intValue(kv, "audio.frames", preset.audioFrames()));
        }
        String fusion = kv.getOrDefault("fusion", NO_FUSION);
        return new ModelSpec(preset, fusion, kv.getOrDefault("head", "linear"), intValue(kv, "classes", 4),
                Modality.parse(kv.getOrDefault("modality", "both")), parsePoints(kv.get("points")), new FusionOptions(options),
                boolValue(kv, "stemrelu", fusion.equals(NO_FUSION)));
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
        return String.join(",", parts);
    }
}
