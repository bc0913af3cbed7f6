package tandem.emotion.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    private Experiment() {}

    public static <M extends Module & AudioVisualModel> RunResult run(String name, ExperimentConfig cfg, List<Sample> samples,
            Supplier<M> factory, InputSpec input, Path out, List<String> classes, Progress progress) throws IOException {
        checkSplits(cfg, samples, classes);
        Files.createDirectories(out);
        List<SubSegment> segments = samples.stream().map(Sample::segment).toList();
        Device device = Device.parse(cfg.device());
        FoldTrainer<M> trainer = new FoldTrainer<>(factory, input, cfg.train(), device,
                RunCheckpoint.describe(cfg.modelSpec(), classes));
        List<FoldResult> results = new ArrayList<>();
        for (int r = 0; r < cfg.repeats(); r++) {
            List<SubSegment> drawn = draw(cfg, segments, classes.size(), r);
            Map<SubSegment, Sample> bySegment = new LinkedHashMap<>();
            for (Sample s : samples) bySegment.put(s.segment(), s);
            List<Sample> pool = drawn.stream().map(bySegment::get).toList();
            List<Folds.Split> splits = Folds.split(drawn, cfg.folds(), cfg.protocol(), cfg.train().seed() * 1000 + r);
            for (Folds.Split split : splits) {
                Path foldDir = out.resolve(String.format("repeat-%d/fold-%d", r + 1, split.fold() + 1));
                Path done = foldDir.resolve("result.json");
                if (Files.exists(done)) {
                    results.add(GSON.fromJson(Files.readString(done), FoldResult.class));
                    progress.skipFold(r, split.fold());
                    continue;
                }
                Files.createDirectories(foldDir);
                List<Sample> train = pick(pool, split.train()), test = pick(pool, split.test());
                progress.startFold(r, split.fold(), train.size(), test.size());
                FoldResult fr = trainer.run(r, split.fold(), train, test, foldDir.resolve("checkpoint.safetensors"), progress);
                AtomicFiles.writeString(done, GSON.toJson(fr));
                results.add(fr);
            }
        }
        return new RunResult(name, classes, results);
    }

    /** The class-balanced draw of each repeat; the same in {@link #checkSplits} and {@link #run}. */
    private static List<SubSegment> draw(ExperimentConfig cfg, List<SubSegment> segments, int classes, int repeat) {
        return BalancedSampler.sample(segments, classes, cfg.train().seed() * 1000 + repeat, cfg.perClassCap());
    }

    /**
     * Fails, before anything is written, when some fold of some repeat would have no training or no test
     * sub-segments (too little data for the number of folds).
     */
    public static void checkSplits(ExperimentConfig cfg, List<Sample> samples, List<String> classes) {
        List<SubSegment> segments = samples.stream().map(Sample::segment).toList();
        for (int r = 0; r < cfg.repeats(); r++) {
            List<SubSegment> drawn = draw(cfg, segments, classes.size(), r);
            for (Folds.Split split : Folds.split(drawn, cfg.folds(), cfg.protocol(), cfg.train().seed() * 1000 + r)) {
                if (split.train().length == 0 || split.test().length == 0) {
                    throw new IllegalArgumentException("fold " + (split.fold() + 1) + " of " + cfg.folds() + " would have no "
                            + (split.test().length == 0 ? "test" : "training") + " sub-segments: " + drawn.size() + " sub-segments ("
                            + drawn.size() / classes.size() + " per class) cannot fill " + cfg.folds() + " folds; use fewer folds or more data");
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
