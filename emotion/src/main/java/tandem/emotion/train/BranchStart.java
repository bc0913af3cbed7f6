package tandem.emotion.train;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tandem.emotion.infer.RunCheckpoint;
import tandem.emotion.infer.WeightTransfer;
import tandem.emotion.model.Modality;
import tandem.emotion.model.ModelSpec;
import tandem.nn.Module;
import tandem.tensor.Tensor;

/**
 * {@code --init-video RUN} / {@code --init-audio RUN}: a model's branches start, fold by fold, from unimodal models
 * trained on the same split, as MSAF's recipe and section 5.2 of the seed paper do. Fold f of repeat r loads the video
 * branch and its head from {@code RUN/repeat-r/fold-f/checkpoint.safetensors} of a {@code train --modality video} run
 * (and the audio branch likewise); the fusion blocks start fresh.
 * <p>
 * Before anything is written, {@link #of} checks that each pre-training run drew the same split: the same data,
 * classes, protocol, folds, repeats, per-class cap and seed in its run.json, and, fold by fold, the same train and test
 * sub-segments in its split.json, so no clip a fold tests on was seen while pre-training its branches.
 */
public final class BranchStart implements FoldStart {
    private static final String CHECKPOINT = "checkpoint.safetensors";

    private final Map<Modality, Path> runs;
    private final List<String> reports = new ArrayList<>();

    private BranchStart(Map<Modality, Path> runs) {
        this.runs = runs;
    }

    /**
     * @param videoRun the folder of a video-only run, or null
     * @param audioRun the folder of an audio-only run, or null
     * @param probe    a model as every fold builds it
     */
    public static BranchStart of(Path videoRun, Path audioRun, ExperimentConfig cfg, List<String> classes, List<FoldPlan> plans,
                                 Module probe) throws IOException {
        Map<Modality, Path> runs = new EnumMap<>(Modality.class);
        if (videoRun != null) runs.put(Modality.VIDEO, videoRun);
        if (audioRun != null) runs.put(Modality.AUDIO, audioRun);
        if (runs.isEmpty()) throw new IllegalArgumentException("a branch start needs --init-video, --init-audio or both");
        BranchStart start = new BranchStart(runs);
        for (var e : runs.entrySet()) start.check(e.getKey(), e.getValue(), cfg, classes, plans, probe);
        return start;
    }

    private void check(Modality branch, Path run, ExperimentConfig cfg, List<String> classes, List<FoldPlan> plans, Module probe)
            throws IOException {
        String option = option(branch);
        JsonObject record = RunRecord.read(run, option);
        JsonObject config = record.getAsJsonObject("config");
        String modality = modalityOf(config.get("model").getAsString());
        if (!modality.equals(branch.key())) {
            throw new IOException(option + " " + run + ": its model has modality=" + modality + "; pre-train with train --modality " + branch.key());
        }
        String ours = RunRecord.splitKey(RunRecord.asJson(RunRecord.config(cfg))), theirs = RunRecord.splitKey(config);
        if (!ours.equals(theirs)) {
            throw new IOException(option + " " + run + ": drawn with other data or protocol (" + theirs + " vs this run's " + ours
                    + "); pre-train with the same --data, --protocol, --folds, --repeats, --per-class and --seed");
        }
        List<String> theirClasses = RunRecord.classes(record);
        if (!classes.equals(theirClasses)) {
            throw new IOException(option + " " + run + ": its classes (" + String.join(",", theirClasses) + ") are not this run's ("
                    + String.join(",", classes) + ")");
        }
        for (FoldPlan plan : plans) {
            Path fold = run.resolve(plan.folder());
            if (!Files.isRegularFile(fold.resolve(CHECKPOINT)) || !Files.isRegularFile(fold.resolve("result.json"))) {
                throw new IOException(option + " " + run + ": " + plan.folder() + " has not finished (no " + CHECKPOINT
                        + " and result.json); finish it with train --resume");
            }
            FoldPlan pre = Experiment.readPlan(fold);
            if (pre == null || !pre.test().equals(plan.test()) || !pre.train().equals(plan.train())) {
                throw new IOException(option + " " + run + ": " + plan.folder() + (pre == null ? " has no " + Experiment.SPLIT_FILE
                        : " trained or tested on other sub-segments than this run's fold") + "; its model may have seen this fold's test clips");
            }
        }
        WeightTransfer.Report report = fit(branch, probe, plans.get(0).folder()).report();
        reports.add("init " + branch.key() + " branch from " + run + " (fold by fold), " + plans.get(0).folder() + ": " + report.summary()
                + "; " + (probe.stateDict().size() - report.loaded().size()) + " other tensor(s) start fresh");
    }

    private record Fitted(Map<String, Tensor> tensors, WeightTransfer.Report report) {}

    /** The branch's checkpoint of one fold, matched against {@code model}; fails unless it fits the branch exactly. */
    private Fitted fit(Modality branch, Module model, String folder) throws IOException {
        Path file = runs.get(branch).resolve(folder).resolve(CHECKPOINT);
        Map<String, Tensor> tensors = RunCheckpoint.weights(file).tensors();
        WeightTransfer.Report report = WeightTransfer.match(model, tensors, scope(branch));
        if (!report.exact()) {
            throw new IOException(option(branch) + " " + file + " does not fit the " + branch.key() + " branch of this model: " + report.summary());
        }
        return new Fitted(tensors, report);
    }

    /** The branch and its head: what a unimodal checkpoint holds. */
    private static Predicate<String> scope(Modality branch) {
        return name -> name.startsWith(branch.key() + ".") || name.startsWith(branch.key() + "_head.");
    }

    private static String option(Modality branch) { return "--init-" + branch.key(); }

    private static String modalityOf(String spec) {
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.startsWith("modality=")) return p.substring("modality=".length());
        }
        return ModelSpec.parse(spec).modality().key();
    }

    /** One line per branch: where it comes from and what was loaded. */
    public List<String> describe() { return List.copyOf(reports); }

    @Override
    public void apply(Module model, int repeat, int fold) throws IOException {
        for (Modality branch : runs.keySet()) {
            Fitted f = fit(branch, model, FoldPlan.folder(repeat, fold));
            WeightTransfer.load(model, f.tensors(), f.report());
        }
    }

    @Override
    public Map<String, Object> record() {
        Map<String, Object> m = new LinkedHashMap<>();
        runs.forEach((branch, run) -> m.put(branch.key(), run.toAbsolutePath().normalize().toString()));
        return m;
    }
}
