package tandem.emotion.train;

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
import tandem.tensor.Device;

/**
 * Runs an experiment under the seed paper's protocol: for each repeat, a fresh class-balanced draw of sub-segments,
 * split k ways (random or by subject); one model trained per fold; every fold's test predictions kept.
 * The run folder holds {@code run.json} (config and environment), per fold a checkpoint and, once done,
 * {@code result.json}; a resumed run skips finished folds and continues unfinished ones from their checkpoints.
 */
public final class Experiment {
    /** A finished fold's results; its presence is what marks the fold done. */
    public static final String RESULT_FILE = "result.json";
    /** A fold's checkpoint after its last finished epoch, and (selecting by validation) the best epoch's model. */
    public static final String CHECKPOINT_FILE = "checkpoint.safetensors", BEST_FILE = "best.safetensors";

    private Experiment() {}

    public static <M extends Module & AudioVisualModel> RunResult run(String name, ExperimentConfig cfg, List<Sample> samples,
            Supplier<M> factory, InputSpec input, Path out, List<String> classes, Progress progress) throws IOException {
        checkSplits(cfg, samples, classes);
        Files.createDirectories(out);
        List<FoldResult> results = new ArrayList<>();
        for (int r = 0; r < cfg.repeats(); r++) {
            for (int f = 0; f < cfg.folds(); f++) {
                Path foldDir = out.resolve(String.format("repeat-%d/fold-%d", r + 1, f + 1));
                FoldResult done = finished(foldDir, cfg, classes.size(), r, f);
                if (done != null) {
                    results.add(done);
                    progress.skipFold(r, f);
                    continue;
                }
                progress.startFold(r, f);
                results.add(runFold(cfg, samples, factory, input, foldDir, classes, r, f, progress));
            }
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
     * Trains and tests fold {@code fold} of repeat {@code repeat} in {@code foldDir} (resuming its checkpoint if there is
     * one) and writes its {@code result.json} atomically. The draw and the split are functions of the config, so any
     * fold can run on its own, in any order, on any machine.
     */
    public static <M extends Module & AudioVisualModel> FoldResult runFold(ExperimentConfig cfg, List<Sample> samples,
            Supplier<M> factory, InputSpec input, Path foldDir, List<String> classes, int repeat, int fold,
            FoldTrainer.Listener listener) throws IOException {
        Parts p = parts(cfg, samples, classes.size(), repeat, fold);
        Files.createDirectories(foldDir);
        FoldTrainer<M> trainer = new FoldTrainer<>(factory, input, cfg.train(), Device.parse(cfg.device()),
                RunCheckpoint.describe(cfg.modelSpec(), classes));
        FoldResult fr = trainer.run(repeat, fold, p.train, p.validation, p.test, foldDir.resolve(CHECKPOINT_FILE), listener);
        FoldResults.write(foldDir, fr);
        return fr;
    }

    /** What one fold trains on, validates on (empty unless the run selects by validation) and tests on. */
    record Parts(List<Sample> train, List<Sample> validation, List<Sample> test) {}

    static Parts parts(ExperimentConfig cfg, List<Sample> samples, int classes, int repeat, int fold) {
        List<Sample> pool = pool(cfg, samples, classes, repeat);
        Folds.Split split = splits(cfg, pool, repeat).get(fold);
        List<Sample> train = pick(pool, split.train()), test = pick(pool, split.test());
        if (!cfg.train().selectsByValidation()) return new Parts(train, List.of(), test);
        Folds.Split carved = carve(cfg, train, repeat, fold);
        return new Parts(pick(train, carved.train()), pick(train, carved.test()), test);
    }

    /** The class-balanced draw of a repeat, as samples. */
    private static List<Sample> pool(ExperimentConfig cfg, List<Sample> samples, int classes, int repeat) {
        Map<SubSegment, Sample> bySegment = new LinkedHashMap<>();
        for (Sample s : samples) bySegment.put(s.segment(), s);
        return draw(cfg, samples.stream().map(Sample::segment).toList(), classes, repeat).stream().map(bySegment::get).toList();
    }

    private static List<Folds.Split> splits(ExperimentConfig cfg, List<Sample> pool, int repeat) {
        return Folds.split(pool.stream().map(Sample::segment).toList(), cfg.folds(), cfg.protocol(), cfg.train().seed() * 1000 + repeat);
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
        for (int r = 0; r < cfg.repeats(); r++) {
            List<Sample> pool = pool(cfg, samples, classes.size(), r);
            for (Folds.Split split : splits(cfg, pool, r)) {
                if (split.train().length == 0 || split.test().length == 0) {
                    throw new IllegalArgumentException("fold " + (split.fold() + 1) + " of " + cfg.folds() + " would have no "
                            + (split.test().length == 0 ? "test" : "training") + " sub-segments: " + pool.size() + " sub-segments ("
                            + pool.size() / classes.size() + " per class) cannot fill " + cfg.folds() + " folds; use fewer folds or more data");
                }
                if (cfg.train().selectsByValidation()) {
                    Folds.Split carved = carve(cfg, pick(pool, split.train()), r, split.fold());
                    if (carved.test().length == 0 || carved.train().length == 0) {
                        throw new IllegalArgumentException("fold " + (split.fold() + 1) + ": too few training sub-segments to carve a"
                                + " validation split from; use more data or --select last");
                    }
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

        void startFold(int r, int f) {
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
