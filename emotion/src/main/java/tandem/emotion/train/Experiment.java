package tandem.emotion.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import me.tongfei.progressbar.ProgressBar;
import tandem.emotion.features.Sample;
import tandem.emotion.infer.EpochStats;
import tandem.emotion.infer.RunCheckpoint;
import tandem.emotion.model.AudioVisualModel;
import tandem.emotion.model.InputSpec;
import tandem.emotion.protocol.BalancedSampler;
import tandem.emotion.protocol.Folds;
import tandem.emotion.protocol.SubSegment;
import tandem.nn.Module;
import tandem.nn.io.AtomicFiles;
import tandem.tensor.Device;

/**
 * Runs an experiment under the seed paper's protocol: for each repeat, a fresh class-balanced draw of sub-segments,
 * split k ways (random or by subject); one model trained per fold; every fold's test predictions kept.
 * The run folder holds {@code run.json} (config and environment), per fold a checkpoint and, once done,
 * {@code result.json}; a resumed run skips finished folds and continues unfinished ones from their checkpoints.
 */
public final class Experiment {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeSpecialFloatingPointValues().create();
    /** A finished fold's results; its presence is what marks the fold done. */
    public static final String RESULT_FILE = "result.json";
    /** A fold's checkpoint after its last finished epoch, and (selecting by validation) the best epoch's model. */
    public static final String CHECKPOINT_FILE = "checkpoint.safetensors", BEST_FILE = "best.safetensors";

    private Experiment() {}

    public static <M extends Module & AudioVisualModel> RunResult run(String name, ExperimentConfig cfg, List<Sample> samples,
            Supplier<M> factory, InputSpec input, Path out, List<String> classes, Progress progress) throws IOException {
        return run(name, cfg, samples, factory, FoldStart.SCRATCH, input, out, classes, progress);
    }

    /**
     * Runs every fold of every repeat; each fold's fresh model is built by {@code factory} and then given its starting
     * weights by {@code start}. Each fold's folder gets {@code split.json} ({@link FoldPlan}) before it trains.
     */
    public static <M extends Module & AudioVisualModel> RunResult run(String name, ExperimentConfig cfg, List<Sample> samples,
            Supplier<M> factory, FoldStart start, InputSpec input, Path out, List<String> classes, Progress progress) throws IOException {
        checkSplits(cfg, samples, classes);
        Files.createDirectories(out);
        List<FoldResult> results = new ArrayList<>();
        for (FoldPlan plan : plan(cfg, samples, classes)) {
            Path foldDir = out.resolve(plan.folder());
            FoldResult done = finished(foldDir, cfg, classes.size(), plan.repeat(), plan.fold());
            if (done != null) {
                results.add(done);
                progress.skipFold(plan.repeat(), plan.fold());
                continue;
            }
            progress.startFold(plan.repeat(), plan.fold(), plan.train().size(), plan.test().size());
            results.add(runFold(cfg, samples, factory, start, input, foldDir, classes, plan, progress));
        }
        return new RunResult(name, classes, results);
    }

    /**
     * Reads every file a resumed run will rely on, before it starts: each fold's result and each checkpoint's header
     * and history. The first one that is damaged is named, rather than surfacing halfway through the run.
     */
    public static void checkRunFolder(Path out, ExperimentConfig cfg, List<String> classes) throws IOException {
        for (int r = 0; r < cfg.repeats(); r++) {
            for (int f = 0; f < cfg.folds(); f++) {
                Path foldDir = out.resolve(String.format("repeat-%d/fold-%d", r + 1, f + 1));
                if (finished(foldDir, cfg, classes.size(), r, f) != null) continue;
                for (String name : new String[] {CHECKPOINT_FILE, BEST_FILE}) {
                    Path file = foldDir.resolve(name);
                    if (Files.exists(file)) RunCheckpoint.history(file, cfg.train().epochs());
                }
            }
        }
    }

    /** The checked result a finished fold left in {@code foldDir} ({@link FoldResults}), or null when it has not finished. */
    public static FoldResult finished(Path foldDir, ExperimentConfig cfg, int classes, int repeat, int fold) throws IOException {
        return FoldResults.read(foldDir, classes, cfg.train().epochs(), repeat, fold);
    }

    /**
     * Trains and tests fold {@code fold} of repeat {@code repeat} in {@code foldDir} from scratch (resuming its checkpoint
     * if there is one) and writes its {@code result.json} atomically. The draw and the split are functions of the config,
     * so any fold can run on its own, in any order, on any machine.
     */
    public static <M extends Module & AudioVisualModel> FoldResult runFold(ExperimentConfig cfg, List<Sample> samples,
            Supplier<M> factory, InputSpec input, Path foldDir, List<String> classes, int repeat, int fold,
            FoldTrainer.Listener listener) throws IOException {
        return runFold(cfg, samples, factory, FoldStart.SCRATCH, input, foldDir, classes, planOf(cfg, samples, classes, repeat, fold),
                listener);
    }

    private static <M extends Module & AudioVisualModel> FoldResult runFold(ExperimentConfig cfg, List<Sample> samples,
            Supplier<M> factory, FoldStart start, InputSpec input, Path foldDir, List<String> classes, FoldPlan plan,
            FoldTrainer.Listener listener) throws IOException {
        Parts p = parts(cfg, samples, plan);
        Files.createDirectories(foldDir);
        AtomicFiles.writeString(foldDir.resolve(SPLIT_FILE), GSON.toJson(plan));
        FoldTrainer<M> trainer = new FoldTrainer<>(factory, start, input, cfg.train(), Device.parse(cfg.device()),
                RunCheckpoint.describe(cfg.modelSpec(), classes));
        FoldResult fr = trainer.run(plan.repeat(), plan.fold(), p.train, p.validation, p.test, foldDir.resolve(CHECKPOINT_FILE),
                listener);
        FoldResults.write(foldDir, fr);
        return fr;
    }

    /** What one fold trains on, validates on (empty unless the run selects by validation) and tests on. */
    record Parts(List<Sample> train, List<Sample> validation, List<Sample> test) {}

    static Parts parts(ExperimentConfig cfg, List<Sample> samples, List<String> classes, int repeat, int fold) {
        return parts(cfg, samples, planOf(cfg, samples, classes, repeat, fold));
    }

    private static Parts parts(ExperimentConfig cfg, List<Sample> samples, FoldPlan plan) {
        Map<String, Sample> byKey = new LinkedHashMap<>();
        for (Sample s : samples) byKey.put(FoldPlan.key(s.segment()), s);
        List<Sample> train = plan.train().stream().map(byKey::get).toList(), test = plan.test().stream().map(byKey::get).toList();
        if (!cfg.train().selectsByValidation()) return new Parts(train, List.of(), test);
        Folds.Split carved = carve(cfg, train, plan.repeat(), plan.fold());
        return new Parts(pick(train, carved.train()), pick(train, carved.test()), test);
    }

    private static FoldPlan planOf(ExperimentConfig cfg, List<Sample> samples, List<String> classes, int repeat, int fold) {
        return plan(cfg, samples, classes).get(repeat * cfg.folds() + fold);
    }

    /**
     * The validation split of a training fold: one fold of a {@code round(1 / fraction)}-way split of the training
     * sub-segments under the run's protocol (by subject for a subject-independent run). The test fold is never seen.
     */
    static Folds.Split carve(ExperimentConfig cfg, List<Sample> train, int repeat, int fold) {
        int k = Math.max(2, (int) Math.round(1 / cfg.train().validationFraction()));
        try {
            return Folds.split(train.stream().map(Sample::segment).toList(), k, cfg.protocol(),
                    cfg.train().seed() * 1000 + repeat + 7919L * (fold + 1)).get(0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot carve a validation split (fraction " + cfg.train().validationFraction()
                    + ") from the training sub-segments of fold " + (fold + 1) + ": " + e.getMessage(), e);
        }
    }

    /** A fold's split as written in its folder. */
    public static final String SPLIT_FILE = "split.json";

    /** Every fold of every repeat, in run order, with the sub-segments it trains and tests on. */
    public static List<FoldPlan> plan(ExperimentConfig cfg, List<Sample> samples, List<String> classes) {
        List<SubSegment> segments = samples.stream().map(Sample::segment).toList();
        List<FoldPlan> plans = new ArrayList<>();
        for (int r = 0; r < cfg.repeats(); r++) {
            List<SubSegment> drawn = draw(cfg, segments, classes.size(), r);
            for (Folds.Split split : Folds.split(drawn, cfg.folds(), cfg.protocol(), cfg.train().seed() * 1000 + r)) {
                plans.add(new FoldPlan(r, split.fold(), keys(drawn, split.train()), keys(drawn, split.test())));
            }
        }
        return plans;
    }

    /** The split written in a fold's folder, or null when it has none (a run from before splits were written). */
    public static FoldPlan readPlan(Path foldDir) throws IOException {
        Path file = foldDir.resolve(SPLIT_FILE);
        if (!Files.exists(file)) return null;
        try {
            return GSON.fromJson(Files.readString(file), FoldPlan.class);
        } catch (RuntimeException e) {
            throw new IOException(file + ": malformed split: " + e.getMessage(), e);
        }
    }

    private static List<String> keys(List<SubSegment> drawn, int[] idx) {
        List<String> out = new ArrayList<>(idx.length);
        for (int i : idx) out.add(FoldPlan.key(drawn.get(i)));
        return out;
    }

    /** The class-balanced draw of each repeat; the same in {@link #checkSplits} and {@link #run}. */
    private static List<SubSegment> draw(ExperimentConfig cfg, List<SubSegment> segments, int classes, int repeat) {
        return BalancedSampler.sample(segments, classes, cfg.train().seed() * 1000 + repeat, cfg.perClassCap());
    }

    /**
     * Fails, before anything is written, when some fold of some repeat would have no training or no test
     * sub-segments (too little data for the number of folds), or no validation split where one is asked for.
     */
    public static void checkSplits(ExperimentConfig cfg, List<Sample> samples, List<String> classes) {
        int[] perClass = new int[classes.size()];
        for (Sample s : samples) perClass[s.label()]++;
        List<String> empty = new ArrayList<>();
        for (int c = 0; c < perClass.length; c++) if (perClass[c] == 0) empty.add(classes.get(c));
        if (!empty.isEmpty()) {
            throw new IllegalArgumentException("class" + (empty.size() > 1 ? "es " : " ") + String.join(", ", empty) + " of " + String.join(", ", classes)
                    + " ha" + (empty.size() > 1 ? "ve" : "s") + " no sub-segments in the data; a class-balanced draw needs every class");
        }
        for (FoldPlan plan : plan(cfg, samples, classes)) {
            if (plan.train().isEmpty() || plan.test().isEmpty()) {
                int drawn = plan.train().size() + plan.test().size();
                throw new IllegalArgumentException("fold " + (plan.fold() + 1) + " of " + cfg.folds() + " would have no "
                        + (plan.test().isEmpty() ? "test" : "training") + " sub-segments: " + drawn + " sub-segments ("
                        + drawn / classes.size() + " per class) cannot fill " + cfg.folds() + " folds; use fewer folds or more data");
            }
            if (cfg.train().selectsByValidation()) {
                Parts p = parts(cfg, samples, plan);
                if (p.validation().isEmpty() || p.train().isEmpty()) {
                    throw new IllegalArgumentException("fold " + (plan.fold() + 1) + ": too few training sub-segments to carve a"
                            + " validation split from; use more data or --select last");
                }
            }
        }
    }

    private static List<Sample> pick(List<Sample> pool, int[] idx) {
        List<Sample> out = new ArrayList<>(idx.length);
        for (int i : idx) out.add(pool.get(i));
        return out;
    }

    /** Progress of a whole run on one bar: folds, epochs, batches, loss, accuracy, ETA. */
    public static class Progress implements FoldTrainer.Listener, AutoCloseable {
        private final ProgressBar bar;
        private final int epochs;
        private final int batchSize;
        private final String label;
        private int repeat, fold;
        private final int folds, repeats;

        public Progress(String label, int repeats, int folds, int epochs, int batchSize, int trainSizeEstimate) {
            this.label = label;
            this.repeats = repeats;
            this.folds = folds;
            this.epochs = epochs;
            this.batchSize = batchSize;
            int batchesPerEpoch = (trainSizeEstimate + batchSize - 1) / batchSize;
            this.bar = ProgressBars.create(label, (long) repeats * folds * epochs * batchesPerEpoch);
        }

        void startFold(int r, int f, int train, int test) {
            repeat = r;
            fold = f;
        }

        void skipFold(int r, int f) {
            bar.stepBy(Math.max(0, bar.getMax() / ((long) repeats * folds)));
        }

        @Override
        public void batch(int epoch, int b, int batches, double loss, double accuracy) {
            bar.step();
            bar.setExtraMessage(String.format(" repeat %d/%d fold %d/%d epoch %d/%d loss %.3f", repeat + 1, repeats, fold + 1, folds,
                    epoch + 1, epochs, loss));
        }

        @Override
        public void epoch(EpochStats s) {
            bar.setExtraMessage(String.format(" repeat %d/%d fold %d/%d epoch %d/%d train %.3f/%.2f test acc %.2f", repeat + 1, repeats,
                    fold + 1, folds, s.epoch(), epochs, s.trainLoss(), s.trainAccuracy(), s.testAccuracy()));
        }

        @Override
        public void close() {
            bar.stepTo(bar.getMax());
            bar.close();
        }
    }
}
