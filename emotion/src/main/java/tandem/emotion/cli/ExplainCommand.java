package tandem.emotion.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tandem.emotion.explain.ExplainWriter;
import tandem.emotion.explain.Explanation;
import tandem.emotion.features.Sample;
import tandem.emotion.infer.ClipLoader;
import tandem.emotion.infer.RunCheckpoint;
import tandem.emotion.infer.TrainedModel;
import tandem.emotion.model.Modality;
import tandem.emotion.rundir.OutputFolder;
import tandem.emotion.rundir.RunLock;

/** Draws what a trained model attended to on one sub-segment of a clip. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Run a trained model on one sub-segment of a clip and draw the clip, its attention maps, gates and class maps.")
public final class ExplainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec command;

    @Mixin
    private CheckpointOption checkpoint;

    @Mixin
    private VerboseOption verbose;

    @Option(names = "--clip", required = true, description = "the video file")
    private Path clip;

    @Option(names = "--audio", description = "its audio, any file FFmpeg decodes (default: as predict finds it, see predict --help)")
    private Path audio;

    @Option(names = "--out", required = true, description = "folder for the figures, probabilities.json and explain.md: new, empty,"
            + " or holding an earlier explanation of the same clip, segment and checkpoint")
    private Path out;

    @Option(names = "--segment", defaultValue = "0", description = "which 30-frame sub-segment, from 0 (default: ${DEFAULT-VALUE})")
    private int segment;

    @Option(names = "--html", description = "also write explain.html: one self-contained page to click through, the clip's frames, waveform"
            + " and MFCC on the same time axis as the attention maps, gates and class maps")
    private boolean html;

    @Override
    public Integer call() throws Exception {
        TrainedModel trained = RunCheckpoint.load(checkpoint.checkpoint);
        Modality modality = trained.spec().modality();
        ClipLoader.Media media = ClipLoader.locate(clip, audio, "--audio", null, modality);
        ClipLoader.Loaded loaded = ClipLoader.load(trained.input(), media, OptionalDouble.empty(), OptionalDouble.empty(), modality);
        List<Sample> samples = loaded.samples();
        if (segment < 0 || segment >= samples.size()) {
            throw new IllegalArgumentException("clip " + clip + ": --segment " + segment + " does not exist; it has " + samples.size()
                    + " sub-segment(s), 0 to " + (samples.size() - 1));
        }
        Path sound = media.audio() != null ? media.audio() : media.video();
        OutputFolder.requireUsable(out);
        ExplainWriter.requireOwnFolder(out, checkpoint.checkpoint, clip, segment);     // before any work is done
        ExplainWriter.Written written;
        try (RunLock lock = Runs.lock(out, "explain")) {
            ExplainWriter.requireOwnFolder(out, checkpoint.checkpoint, clip, segment);
            written = ExplainWriter.write(Explanation.of(trained, samples.get(segment)), clip, sound, out, html);
        }
        PrintWriter o = command.commandLine().getOut();
        o.println("audio: " + PredictionPrinter.audioUsed(media));
        for (String n : loaded.notes()) o.println("note: " + media.name() + ": " + n);
        for (Path f : written.files()) o.println("wrote " + f);
        for (String n : written.notes()) o.println("note: " + n);
        o.flush();
        return 0;
    }
}
