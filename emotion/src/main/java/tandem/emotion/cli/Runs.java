package tandem.emotion.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;
import tandem.emotion.data.LabelSet;
import tandem.emotion.data.Manifest;
import tandem.emotion.features.FeatureExtractor;
import tandem.emotion.features.Sample;
import tandem.emotion.model.EmotionModel;
import tandem.emotion.model.InputSpec;
import tandem.emotion.model.ModelSpec;
import tandem.emotion.rundir.RunLock;
import tandem.emotion.train.Experiment;
import tandem.emotion.train.ExperimentConfig;
import tandem.emotion.train.FoldStart;
import tandem.emotion.train.ProgressBars;
import tandem.emotion.train.RunRecord;
import tandem.emotion.train.RunResult;
import tandem.tensor.Device;
import tandem.tensor.Tandem;
import tandem.tensor.backend.Backends;

/** What train and demo share: turning a manifest into features for a model, and running an experiment with progress. */
final class Runs {
    private Runs() {}

    /** Features of every sub-segment, ready for a model of the given input geometry; labels index {@code classes}. */
    record Prepared(InputSpec input, List<Sample> samples, List<String> classes) {}

    /** As {@link #prepare(Manifest, LabelSet, ModelSpec)} with every label of the manifest as a class. */
    static Prepared prepare(Manifest manifest, ModelSpec spec) throws IOException {
        return prepare(manifest, manifest.labels(), spec);
    }

    /** Extracts the features; the model spec must have as many classes as {@code classes} names. */
    static Prepared prepare(Manifest manifest, LabelSet classes, ModelSpec spec) throws IOException {
        if (spec.classes() != classes.size()) {
            throw new IllegalArgumentException("the model has classes=" + spec.classes() + " but the data has " + classes.size()
                    + " (" + String.join(", ", classes.names()) + ")");
        }
        InputSpec input = spec.preset().input();
        FeatureExtractor fx = new FeatureExtractor(input);
        List<Sample> samples;
        try (ProgressBar bar = ProgressBars.create("features", manifest.entries().size())) {
            samples = fx.extract(manifest, classes, bar::stepTo);
        }
        return new Prepared(input, samples, classes.names());
    }

    /** Fails, naming the option, unless {@code device} names a device whose backend opens here. */
    static void requireDevice(String device) {
        Device d;
        try {
            d = Device.parse(device);
            Backends.get(d);
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalArgumentException("--device " + device + ": " + Main.oneLine(e), e);
        }
    }

    /** The kernels' thread count from {@code --threads}, checked; all cores when not given. */
    static void setThreads(Integer threads) {
        if (threads == null) return;
        if (threads < 1 || threads > MAX_THREADS) throw new IllegalArgumentException("--threads must be 1 to " + MAX_THREADS + ", got " + threads);
        Tandem.setNumThreads(threads);
    }

    static final int MAX_THREADS = 4096;

    /** The output folder's lock for {@code command}; says so when it was taken over from a run that was killed. */
    static RunLock lock(Path out, String command) throws IOException {
        RunLock lock = RunLock.acquire(out, command);
        lock.staleHolder().ifPresent(h -> System.err.println("tandem " + command + ": note: " + out + ": took over the lock of a run that"
                + " ended without releasing it (" + h + ")"));
        return lock;
    }

    /** A short name for tables and progress bars: "window + classmap (tiny)". */
    static String label(ModelSpec spec) {
        String m = spec.modality().name().toLowerCase();
        return spec.fusion() + " + " + spec.head() + (m.equals("both") ? "" : ", " + m + " only") + " (" + spec.preset().name() + ")";
    }

    static RunResult train(String name, ExperimentConfig cfg, ModelSpec spec, Prepared prepared, Path out, boolean resume)
            throws IOException {
        return train(name, cfg, spec, prepared, FoldStart.SCRATCH, out, resume);
    }

    /** Runs the experiment, each fold's model starting as {@code start} says; run.json records the classes and the start. */
    static RunResult train(String name, ExperimentConfig cfg, ModelSpec spec, Prepared prepared, FoldStart start, Path out, boolean resume)
            throws IOException {
        Experiment.checkSplits(cfg, prepared.samples(), prepared.classes());   // before anything is written
        RunRecord.writeOrCheck(out, cfg, prepared.classes(), start, resume);
        // the balanced draw takes the smallest class count (or the cap) from every class; k-1 of k folds train
        int[] perClass = new int[prepared.classes().size()];
        for (Sample s : prepared.samples()) perClass[s.label()]++;
        int drawn = Arrays.stream(perClass).min().orElse(0);
        if (cfg.perClassCap() > 0) drawn = Math.min(drawn, cfg.perClassCap());
        int estimate = drawn * perClass.length * (cfg.folds() - 1) / cfg.folds();
        try (Experiment.Progress progress = new Experiment.Progress(name, cfg.repeats(), cfg.folds(), cfg.train().epochs(),
                cfg.train().batchSize(), estimate)) {
            return Experiment.run(name, cfg, prepared.samples(), () -> new EmotionModel(spec), start, prepared.input(), out,
                    prepared.classes(), progress);
        }
    }
}
