package tandem.emotion.grid;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tandem.emotion.data.Manifest;
import tandem.emotion.features.FeatureExtractor;
import tandem.emotion.features.Sample;
import tandem.emotion.model.EmotionModel;
import tandem.emotion.model.InputSpec;
import tandem.emotion.model.ModelSpec;
import tandem.emotion.rundir.JsonFiles;
import tandem.emotion.rundir.OutputFolder;
import tandem.emotion.synth.CorpusGenerator;
import tandem.emotion.synth.Regime;
import tandem.emotion.synth.SynthConfig;
import tandem.emotion.train.Experiment;
import tandem.emotion.train.ExperimentConfig;
import tandem.emotion.train.FoldResult;
import tandem.emotion.train.FoldTrainer;
import tandem.nn.Seeds;
import tandem.nn.io.AtomicFiles;

/**
 * A grid's run folder: {@code grid.json} (the spec with every default filled in), {@code data/<regime>/} (the
 * generated corpora), and {@code cells/...} (one folder per {@link Cell}). Any process that sees the folder can run any
 * pending cell, in any order: a cell is done when its {@code result.json} exists, and an unfinished one resumes from
 * its checkpoint. That is all the in-process runner and the Spark runner share.
 */
public final class GridRun {
    public static final String SPEC_FILE = "grid.json";

    private final Path dir;
    private final GridSpec spec;
    private final Map<String, List<Sample>> features = new HashMap<>();
    private final Map<String, List<String>> classes = new HashMap<>();

    private GridRun(Path dir, GridSpec spec) {
        this.dir = dir;
        this.spec = spec;
    }

    /**
     * A new run of {@code spec} in {@code dir} (new or empty), or with {@code resume} the run already there, which
     * must be of the same spec. Nothing is written when it fails.
     */
    public static GridRun create(Path dir, GridSpec spec, boolean resume) throws IOException {
        Path file = dir.resolve(SPEC_FILE);
        if (Files.exists(file)) {
            if (!resume) throw new IOException(dir + " already holds a grid (" + SPEC_FILE + "); pass --resume to continue it or choose another --out");
            if (!JsonFiles.read(file, "grid's spec").equals(JsonParser.parseString(spec.toJson()))) {
                throw new IOException(dir + " holds a different grid; --resume needs the same spec (compare " + file + " with the spec given)");
            }
            return new GridRun(dir, spec);
        }
        if (!OutputFolder.isEmpty(dir)) throw new IOException(dir + " is not empty and holds no grid; choose an empty or new --out folder");
        Files.createDirectories(dir);
        AtomicFiles.writeString(file, spec.toJson());
        return new GridRun(dir, spec);
    }

    /** The run already in {@code dir}, as a worker opens it. */
    public static GridRun open(Path dir) throws IOException {
        Path file = dir.resolve(SPEC_FILE);
        if (!Files.exists(file)) throw new IOException(dir + ": no " + SPEC_FILE + "; not a grid run folder");
        String text = JsonFiles.read(file, "grid's spec").toString();
        try {
            return new GridRun(dir, GridSpec.parse(text, dir));
        } catch (RuntimeException e) {
            throw JsonFiles.damaged(file, "grid's spec", "is not a grid spec (" + JsonFiles.problem(e) + ")");
        }
    }

    public Path dir() { return dir; }

    public GridSpec spec() { return spec; }

    /** The class names of a dataset: the labels its manifest holds, in the run's fixed (sorted) order. */
    public synchronized List<String> classes(String dataset) throws IOException {
        List<String> c = classes.get(dataset);
        if (c == null) {
            c = Manifest.read(manifest(dataset)).labels().names();
            classes.put(dataset, c);
        }
        return c;
    }

    /** Every cell, dataset by dataset (so a run cut short has whole datasets), then seed, repeat, fold, variant. */
    public List<Cell> cells() {
        List<Cell> out = new ArrayList<>();
        for (String d : spec.datasets()) {
            for (long seed : spec.seeds()) {
                for (int r = 0; r < spec.repeats(); r++) {
                    for (int f = 0; f < spec.folds(); f++) {
                        for (GridSpec.Variant v : spec.runnable()) out.add(new Cell(v.name(), d, seed, r, f));
                    }
                }
            }
        }
        return out;
    }

    public boolean done(Cell c) { return Files.exists(c.dir(dir).resolve(Experiment.RESULT_FILE)); }

    public List<Cell> pending() { return cells().stream().filter(c -> !done(c)).toList(); }

    /** The result of a finished cell, or null. */
    public FoldResult result(Cell c) throws IOException {
        return Experiment.finished(c.dir(dir), config(c), classes(c.dataset()).size(), c.repeat(), c.fold());
    }

    /** Generates the corpus of every regime that has none yet (a corpus is complete once its manifest is written). */
    public void prepareData(Consumer<String> log) throws IOException {
        for (String r : spec.regimes()) {
            Path manifest = manifest(r);
            if (Files.exists(manifest)) continue;
            GridSpec.Corpus c = spec.corpus();
            Regime regime = Regime.parse(r);
            SynthConfig cfg = SynthConfig.defaults().withSubjects(c.subjects()).withClipsPerClass(c.clipsPerSubject() / 4)
                    .withClipSeconds(c.seconds()).withFrameSize(c.size(), c.size()).withSeed(c.seed()).withRegime(regime);
            log.accept("generating the " + r + " corpus (" + cfg.clipCount() + " clips) in " + manifest.getParent() + ": " + regime.cues());
            CorpusGenerator.generate(manifest.getParent(), cfg);
        }
        for (String m : spec.manifests().keySet()) {
            if (!Files.exists(manifest(m))) throw new IOException("grid dataset '" + m + "': manifest " + manifest(m) + " not found");
        }
    }

    /**
     * Fails, before any cell runs, when some variant, dataset and seed would leave a fold without training, test or
     * validation data. Extracts each dataset's features (one dataset at a time), as running would; a run whose splits
     * were checked once (the spec cannot change on --resume) is not checked again.
     */
    public void checkSplits() throws IOException {
        Path checked = dir.resolve(".splits-checked");
        if (Files.exists(checked)) return;
        for (String d : spec.datasets()) {
            for (GridSpec.Variant v : spec.runnable()) {
                for (long seed : spec.seeds()) {
                    Cell c = new Cell(v.name(), d, seed, 0, 0);
                    try {
                        Experiment.checkSplits(config(c), samples(d, model(v.name()).preset().input()), classes(d));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("dataset '" + d + "', variant '" + v.name() + "', seed " + seed + ": " + e.getMessage(), e);
                    }
                }
            }
        }
        AtomicFiles.writeString(checked, "every fold of every dataset, variant and seed has training, validation and test data\n");
    }

    public Path manifest(String dataset) {
        String m = spec.manifests().get(dataset);
        return m != null ? Path.of(m) : dir.resolve("data").resolve(dataset).resolve(CorpusGenerator.MANIFEST_FILE);
    }

    public ModelSpec model(String variant) {
        return ModelSpec.parse(spec.runnable().stream().filter(v -> v.name().equals(variant)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no variant '" + variant + "' in this grid")).model());
    }

    public ExperimentConfig config(Cell c) {
        return new ExperimentConfig(manifest(c.dataset()), spec.runnable().stream().filter(v -> v.name().equals(c.variant()))
                .findFirst().orElseThrow().model(), spec.protocolKind(), spec.folds(), spec.repeats(), spec.perClass(),
                spec.train().config(c.seed()), "cpu");
    }

    /** Parameters of each runnable variant, in spec order. */
    public Map<String, Long> parameterCounts() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (GridSpec.Variant v : spec.runnable()) {
            Seeds.set(0);
            out.put(v.name(), new EmotionModel(ModelSpec.parse(v.model())).parameterCount());
        }
        return out;
    }

    /** Trains and tests one cell (or returns its result when done); safe to call from several threads at once. */
    public FoldResult runCell(Cell c, FoldTrainer.Listener listener) throws IOException {
        FoldResult done = result(c);
        if (done != null) return done;
        ModelSpec model = model(c.variant());
        InputSpec input = model.preset().input();
        List<Sample> samples = samples(c.dataset(), input);
        ExperimentConfig cfg = config(c);
        List<String> classes = classes(c.dataset());
        Experiment.checkSplits(cfg, samples, classes);
        return Experiment.runFold(cfg, samples, () -> new EmotionModel(model), input, c.dir(dir), classes, c.repeat(), c.fold(), listener);
    }

    /** The features of a dataset for one input geometry, extracted once per process. */
    public synchronized List<Sample> samples(String dataset, InputSpec input) throws IOException {
        String key = dataset + "|" + input;
        List<Sample> s = features.get(key);
        if (s == null) {
            features.keySet().removeIf(k -> !k.startsWith(dataset + "|"));   // one dataset's features at a time
            Manifest m = Manifest.read(manifest(dataset));
            s = new FeatureExtractor(input).extract(m, m.labels(), null);
            features.put(key, s);
        }
        return s;
    }
}
