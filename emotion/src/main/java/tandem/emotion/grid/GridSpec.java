package tandem.emotion.grid;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tandem.emotion.model.ModelSpec;
import tandem.emotion.model.fusion.FusionRegistry;
import tandem.emotion.protocol.Folds;
import tandem.emotion.synth.Regime;
import tandem.emotion.synth.SynthConfig;
import tandem.emotion.train.TrainConfig;

/**
 * An experiment grid, read from a small JSON file: variants x datasets (synthetic regimes or manifests) x seeds x
 * repeats x folds. Every key but {@code variants}, {@code baseline} and one of {@code regimes}/{@code manifests} has a
 * default; an unknown key is an error, so a typo cannot silently fall back to a default. Example:
 * <pre>{@code
 * {"name": "lag check", "baseline": "msaf",
 *  "variants": [{"name": "msaf", "model": "preset=tiny,fusion=msaf,head=linear"},
 *               {"name": "window", "model": "preset=tiny,fusion=window,head=linear"}],
 *  "regimes": ["null", "lag"], "seeds": [1], "protocol": "subject", "folds": 4, "repeats": 1,
 *  "train": {"epochs": 8, "select": "best-val", "patience": 3}}
 * }</pre>
 *
 * @param variants  in report order; a variant marked {@code optional} whose fusion is not registered in this build is
 *                  left out with a note rather than failing the grid
 * @param regimes   synthetic corpora generated into the run folder, one per regime
 * @param manifests named manifests (paths relative to the spec file)
 * @param perClass  at most this many sub-segments per class per repeat (0: all the balance allows)
 */
public record GridSpec(String name, String baseline, List<Variant> variants, List<String> regimes, Map<String, String> manifests,
                       Corpus corpus, List<Long> seeds, String protocol, int folds, int repeats, int perClass, Train train) {

    /** A named model spec. */
    public record Variant(String name, String model, boolean optional) {}

    /** The synthetic corpus of every regime: its size and its seed. */
    public record Corpus(int subjects, int clipsPerSubject, double seconds, int size, long seed) {}

    /** How every cell trains; {@code select} is {@code last} or {@code best-val}. */
    public record Train(int epochs, int batch, double lr, double weightDecay, String select, double valFraction, int patience) {
        public TrainConfig config(long seed) {
            TrainConfig t = new TrainConfig(epochs, batch, lr, weightDecay, seed);
            return TrainConfig.Selection.parse(select) == TrainConfig.Selection.BEST_VAL ? t.withBestVal(valFraction, patience) : t;
        }
    }

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();
    private static final Set<String> KEYS = Set.of("name", "baseline", "variants", "regimes", "manifests", "corpus", "seeds",
            "protocol", "folds", "repeats", "perClass", "train");
    private static final Set<String> VARIANT_KEYS = Set.of("name", "model", "optional");
    private static final Set<String> CORPUS_KEYS = Set.of("subjects", "clipsPerSubject", "seconds", "size", "seed");
    private static final Set<String> TRAIN_KEYS = Set.of("epochs", "batch", "lr", "weightDecay", "select", "valFraction", "patience");

    /** Reads and checks a spec; every problem names the file and the key. */
    public static GridSpec read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IOException("grid spec " + file + ": no such file");
        }
        try {
            return parse(text, file.toAbsolutePath().getParent());
        } catch (IllegalArgumentException | IllegalStateException | JsonSyntaxException e) {
            throw new IOException("grid spec " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses spec text; relative manifest paths are resolved against {@code base}. */
    public static GridSpec parse(String text, Path base) {
        JsonElement root = JsonParser.parseString(text);
        if (!root.isJsonObject()) throw new IllegalArgumentException("expected a JSON object");
        JsonObject o = root.getAsJsonObject();
        onlyKeys(o, KEYS, "");
        if (o.has("corpus")) onlyKeys(o.getAsJsonObject("corpus"), CORPUS_KEYS, "corpus.");
        if (o.has("train")) onlyKeys(o.getAsJsonObject("train"), TRAIN_KEYS, "train.");
        if (o.has("variants")) for (JsonElement v : o.getAsJsonArray("variants")) onlyKeys(v.getAsJsonObject(), VARIANT_KEYS, "variants[].");
        GridSpec raw = GSON.fromJson(o, GridSpec.class);
        Map<String, String> manifests = new LinkedHashMap<>();
        if (raw.manifests != null) raw.manifests.forEach((k, v) -> manifests.put(k, base.resolve(v).normalize().toString()));
        Corpus c = raw.corpus == null ? new Corpus(0, 0, 0, 0, 0) : raw.corpus;
        Train t = raw.train == null ? new Train(0, 0, 0, 0, null, 0, 0) : raw.train;
        GridSpec spec = new GridSpec(raw.name == null ? "grid" : raw.name, raw.baseline, raw.variants == null ? List.of() : raw.variants,
                raw.regimes == null ? List.of() : raw.regimes, manifests,
                new Corpus(or(c.subjects, 8), or(c.clipsPerSubject, 16), c.seconds > 0 ? c.seconds : 3.6, or(c.size, 96),
                        c.seed != 0 ? c.seed : 2023),
                raw.seeds == null || raw.seeds.isEmpty() ? List.of(1L) : raw.seeds, raw.protocol == null ? "subject" : raw.protocol,
                or(raw.folds, 4), or(raw.repeats, 1), raw.perClass,
                new Train(or(t.epochs, 8), or(t.batch, 8), t.lr > 0 ? t.lr : 0.002, t.weightDecay,
                        t.select == null ? "best-val" : t.select, t.valFraction > 0 ? t.valFraction : 0.2,
                        o.has("train") && o.getAsJsonObject("train").has("patience") ? t.patience : 3));
        spec.check();
        return spec;
    }

    private static int or(int v, int fallback) { return v != 0 ? v : fallback; }

    private static void onlyKeys(JsonObject o, Set<String> known, String prefix) {
        for (String k : o.keySet()) {
            if (!known.contains(k)) throw new IllegalArgumentException("unknown key '" + prefix + k + "'; known: " + String.join(", ", known.stream().sorted().toList()));
        }
    }

    private void check() {
        if (variants.isEmpty()) throw new IllegalArgumentException("'variants' is empty: name at least two models to compare");
        Set<String> names = new HashSet<>();
        for (Variant v : variants) {
            if (v.name == null || !v.name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException("variant name '" + v.name + "' must be letters, digits, '.', '_' or '-' (it names a folder)");
            }
            if (!names.add(v.name)) throw new IllegalArgumentException("variant '" + v.name + "' is named twice");
            if (v.model == null) throw new IllegalArgumentException("variant '" + v.name + "' has no 'model'");
            if (available(v)) ModelSpec.parse(v.model);     // a bad spec fails here, naming the key
        }
        if (baseline == null || !names.contains(baseline)) {
            throw new IllegalArgumentException("'baseline' must name one of the variants (" + String.join(", ", names) + "), got " + baseline);
        }
        if (!available(variants.stream().filter(v -> v.name.equals(baseline)).findFirst().orElseThrow())) {
            throw new IllegalArgumentException("the baseline '" + baseline + "' is not available in this build");
        }
        if (regimes.isEmpty() && manifests.isEmpty()) throw new IllegalArgumentException("give 'regimes' or 'manifests' (or both): the data to run on");
        if (!regimes.isEmpty() && (corpus.clipsPerSubject() < 4 || corpus.clipsPerSubject() % 4 != 0)) {
            throw new IllegalArgumentException("'corpus.clipsPerSubject' must be a positive multiple of the 4 classes, got " + corpus.clipsPerSubject());
        }
        for (String r : regimes) {
            SynthConfig.defaults().withClipsPerClass(corpus.clipsPerSubject() / 4).withRegime(Regime.parse(r)).requireBalanced();
        }
        for (String m : manifests.keySet()) {
            if (regimes.contains(m)) throw new IllegalArgumentException("manifest name '" + m + "' is also a regime");
            if (!m.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) throw new IllegalArgumentException("manifest name '" + m + "' must be letters, digits, '.', '_' or '-'");
        }
        protocolKind();
        if (folds < 2) throw new IllegalArgumentException("'folds' must be at least 2, got " + folds);
        if (repeats < 1) throw new IllegalArgumentException("'repeats' must be at least 1, got " + repeats);
        if (perClass < 0) throw new IllegalArgumentException("'perClass' must be >= 0, got " + perClass);
        if (new HashSet<>(seeds).size() != seeds.size()) throw new IllegalArgumentException("'seeds' repeats a seed: " + seeds);
        train.config(seeds.get(0));
    }

    /** False for an optional variant whose fusion this build does not register. */
    public static boolean available(Variant v) {
        if (!v.optional) return true;
        String fusion = ModelSpec.NO_FUSION;
        for (String part : v.model.split(",")) if (part.trim().startsWith("fusion=")) fusion = part.trim().substring("fusion=".length());
        return fusion.equals(ModelSpec.NO_FUSION) || FusionRegistry.names().contains(fusion);
    }

    /** The variants that run, in order. */
    public List<Variant> runnable() { return variants.stream().filter(GridSpec::available).toList(); }

    /** One line per optional variant left out. */
    public List<String> notes() {
        List<String> out = new ArrayList<>();
        for (Variant v : variants) {
            if (!available(v)) out.add("variant '" + v.name + "' (" + v.model + ") left out: its fusion is not registered in this build");
        }
        return out;
    }

    /** Regimes first, then manifests: the names of the datasets, in report order. */
    public List<String> datasets() {
        List<String> out = new ArrayList<>(regimes);
        out.addAll(manifests.keySet());
        return out;
    }

    public Folds.Kind protocolKind() {
        return switch (protocol) {
            case "random" -> Folds.Kind.RANDOM;
            case "subject" -> Folds.Kind.SUBJECT;
            default -> throw new IllegalArgumentException("'protocol' must be random or subject, got '" + protocol + "'");
        };
    }

    /** The spec with every default filled in, as JSON: what grid.json records and --resume compares. */
    public String toJson() { return GSON.toJson(this); }

    /** A copy that trains for {@code epochs} and uses {@code folds} and {@code seeds} (the study's --quick). */
    public GridSpec scaled(int epochs, int folds, List<Long> seeds, List<String> regimes) {
        return new GridSpec(name, baseline, variants, regimes, manifests, corpus, seeds, protocol, folds, repeats, perClass,
                new Train(epochs, train.batch, train.lr, train.weightDecay, train.select, train.valFraction, train.patience));
    }
}
