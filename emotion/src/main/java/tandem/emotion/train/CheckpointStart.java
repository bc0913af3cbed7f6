package tandem.emotion.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tandem.emotion.infer.RunCheckpoint;
import tandem.emotion.infer.WeightTransfer;
import tandem.nn.Module;

/**
 * {@code train --init CHECKPOINT}: every fold starts from the same checkpoint's weights, matched by name. Strict by
 * default: every tensor of the model must be found with its shape and nothing may be left over, so that the starting
 * model computes exactly what the checkpoint computed. {@code partial} loads what fits and leaves the rest as
 * initialised; the heads then start fresh when the checkpoint's classes differ from the run's.
 */
public final class CheckpointStart implements FoldStart {
    private final RunCheckpoint.Weights weights;
    private final boolean partial;
    private final List<String> classes;
    private final boolean sameClasses;
    private WeightTransfer.Report report;

    private CheckpointStart(RunCheckpoint.Weights weights, boolean partial, List<String> classes) {
        this.weights = weights;
        this.partial = partial;
        this.classes = List.copyOf(classes);
        this.sameClasses = weights.classes().equals(classes);
    }

    /**
     * Reads {@code checkpoint} and matches it against {@code probe}, a model as every fold builds it; fails, before
     * anything is written, when the two do not fit and {@code partial} is off.
     */
    public static CheckpointStart of(Path checkpoint, boolean partial, List<String> classes, Module probe) throws IOException {
        return of(RunCheckpoint.weights(checkpoint), partial, classes, probe);
    }

    /** As {@link #of(Path, boolean, List, Module)} for weights already read. */
    public static CheckpointStart of(RunCheckpoint.Weights weights, boolean partial, List<String> classes, Module probe) throws IOException {
        Path checkpoint = weights.file();
        CheckpointStart start = new CheckpointStart(weights, partial, classes);
        if (!start.sameClasses && !partial) {
            throw new IOException("--init " + checkpoint + ": its classes (" + String.join(",", start.weights.classes()) + ") are not this run's ("
                    + String.join(",", classes) + "); give --classes in the checkpoint's order, or --init-partial to start the heads fresh");
        }
        start.report = WeightTransfer.match(probe, start.weights.tensors(), start.scope());
        if (!start.report.exact() && !partial) {
            throw new IOException("--init " + checkpoint + " does not fit the model: " + start.report.summary()
                    + "; pass --init-partial to load only the tensors that fit");
        }
        return start;
    }

    /** Every tensor when the classes agree; otherwise everything but the classifier heads. */
    private Predicate<String> scope() {
        return sameClasses ? name -> true : name -> !name.startsWith("video_head.") && !name.startsWith("audio_head.");
    }

    /** What was (and was not) loaded, for the console. */
    public String describe() {
        String heads = sameClasses ? "" : "; the heads start fresh: the checkpoint's classes (" + String.join(",", weights.classes())
                + ") are not this run's (" + String.join(",", classes) + ")";
        return "init from " + weights.file() + ": " + report.summary() + heads;
    }

    @Override
    public void apply(Module model, int repeat, int fold) {
        WeightTransfer.load(model, weights.tensors(), WeightTransfer.match(model, weights.tensors(), scope()));
    }

    @Override
    public Map<String, Object> record() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checkpoint", weights.file().toAbsolutePath().normalize().toString());
        m.put("partial", partial);
        return m;
    }
}
