package tandem.emotion.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import tandem.emotion.features.Sample;
import tandem.emotion.infer.RunCheckpoint;
import tandem.emotion.model.EmotionModel;
import tandem.emotion.model.ModelSpec;
import tandem.emotion.train.BranchStart;
import tandem.emotion.train.CheckpointStart;
import tandem.emotion.train.Experiment;
import tandem.emotion.train.ExperimentConfig;
import tandem.emotion.train.FoldStart;
import tandem.nn.Seeds;

/** How train's folds start: from scratch, from one checkpoint, or per fold from unimodal runs (picocli mixin). */
final class InitOptions {
    @Option(names = "--init", paramLabel = "CHECKPOINT", description = "start every fold from this checkpoint's weights, matched by"
            + " name; fails unless every tensor fits (see --init-partial)")
    Path checkpoint;

    @Option(names = "--init-partial", description = "with --init: load the tensors that fit, keep the others as initialised"
            + " (the heads start fresh when the checkpoint's classes differ)")
    boolean partial;

    @Option(names = "--init-video", paramLabel = "RUN", description = "start each fold's video branch from the same fold of RUN,"
            + " a train --modality video run on the same data, classes, protocol and seed")
    Path videoRun;

    @Option(names = "--init-audio", paramLabel = "RUN", description = "the same for the audio branch, from a train --modality audio run")
    Path audioRun;

    private RunCheckpoint.Weights weights;

    void validate() {
        if (partial && checkpoint == null) throw new IllegalArgumentException("--init-partial needs --init CHECKPOINT");
        if (checkpoint != null && fromBranches()) {
            throw new IllegalArgumentException("--init starts every fold from one checkpoint, --init-video/--init-audio each fold from its"
                    + " own; give one or the other");
        }
    }

    boolean fromBranches() { return videoRun != null || audioRun != null; }

    /** The model spec the --init checkpoint was trained with, if one is given. */
    Optional<String> checkpointSpec() throws IOException {
        return checkpoint == null ? Optional.empty() : Optional.of(weights().modelSpec());
    }

    /** The start from --init (matched against the model now, so a misfit fails before anything is written), else from scratch. */
    FoldStart checkpointStart(ModelSpec spec, List<String> classes) throws IOException {
        if (checkpoint == null) return FoldStart.SCRATCH;
        CheckpointStart start = CheckpointStart.of(weights(), partial, classes, probe(spec));
        System.out.println(start.describe());
        return start;
    }

    /** The start from --init-video / --init-audio, checked fold by fold against this run's split. */
    FoldStart branchStart(ModelSpec spec, ExperimentConfig cfg, List<Sample> samples, List<String> classes) throws IOException {
        BranchStart start = BranchStart.of(videoRun, audioRun, cfg, classes, Experiment.plan(cfg, samples, classes), probe(spec));
        start.describe().forEach(System.out::println);
        return start;
    }

    private RunCheckpoint.Weights weights() throws IOException {
        if (weights == null) weights = RunCheckpoint.weights(checkpoint);
        return weights;
    }

    /** A model as every fold builds it, to match names and shapes against. */
    private static EmotionModel probe(ModelSpec spec) {
        Seeds.set(0);
        return new EmotionModel(spec);
    }
}
