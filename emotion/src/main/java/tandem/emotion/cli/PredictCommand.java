package tandem.emotion.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tandem.emotion.data.Manifest;
import tandem.emotion.data.ManifestEntry;
import tandem.emotion.infer.ClipLoader;
import tandem.emotion.infer.ClipPrediction;
import tandem.emotion.infer.Predictor;
import tandem.emotion.infer.RunCheckpoint;
import tandem.emotion.infer.TrainedModel;
import tandem.emotion.model.Modality;
import tandem.tensor.Device;
import tandem.tensor.profile.Profiler;

/**
 * Classifies clips with a trained checkpoint: per clip, class probabilities averaged over its sub-segments. Every clip
 * that can be read is classified; each one that cannot gets one error line, and the exit code is 2 when any failed.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Classify clips with a trained checkpoint: probabilities averaged over each clip's 30-frame sub-segments.",
            "Each row names the audio used and where it came from. A clip shorter than one sub-segment is padded to one"
                + " (its last frame repeated, silence after its sound) with a note. Every readable clip is classified;"
                + " each failure is one error line, a summary follows, and the exit code is 2 if any clip failed."},
        footer = {"", "Audio of a video, in this order: --audio; <name>.<wav|flac|mp3|ogg|opus|m4a> in --audio-dir; a frames folder's"
                + " audio.wav; the video's own sound track; <name>.<ext> next to the video; <name>.<ext> in ../audio/."})
public final class PredictCommand implements Callable<Integer> {
    @Spec
    private CommandSpec command;

    @Mixin
    private CheckpointOption checkpoint;

    @Mixin
    private VerboseOption verbose;

    @Option(names = "--audio", paramLabel = "FILE",
            description = "the audio of the one FILE (WAV, FLAC, MP3, Ogg, Opus, M4A, or any file FFmpeg decodes); alone, for an audio-only model")
    private Path audio;

    @Option(names = "--audio-dir", paramLabel = "DIR", description = "a folder of <name>.<ext> audio files, tried before the video's own sound")
    private Path audioDir;

    @Option(names = "--manifest", paramLabel = "CSV",
            description = "classify every clip of a manifest: its video, audio ('from-video' for the video's track), start and end columns")
    private Path manifest;

    @Option(names = "--json", description = "one JSON object per line and clip instead of a table")
    private boolean json;

    @Mixin
    private ProfileOption profile;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "video files or frames folders (sound files for an audio-only model)")
    private List<Path> files = new ArrayList<>();

    /** One clip to classify: its input (null for --audio alone), its named audio (or null), an optional span. */
    private record Job(String clip, Path input, Path audio, String audioSource, OptionalDouble start, OptionalDouble end,
                       String label) {}

    @Override
    public Integer call() throws Exception {
        List<Job> jobs = jobs();
        TrainedModel trained = RunCheckpoint.load(checkpoint.checkpoint);
        Modality modality = trained.spec().modality();
        PredictionPrinter printer = new PredictionPrinter(command.commandLine().getOut(), json, manifest != null, trained.classes());
        PrintWriter err = command.commandLine().getErr();
        // with --json, stdout holds only the JSON lines: the profile's table goes to stderr
        int failed = profile.run(Path.of("profile"), Device.CPU, json ? err : command.commandLine().getOut(), () -> {
            int failures = 0;
            for (Job job : jobs) {
                try {
                    ClipLoader.Media media = ClipLoader.locate(job.input(), job.audio(), job.audioSource(), audioDir, modality);
                    ClipLoader.Loaded loaded = ClipLoader.load(trained.input(), media, job.start(), job.end(), modality);
                    Path named = media.video() != null ? media.video() : media.audio();
                    ClipPrediction p;
                    try (Profiler.Scope r = Profiler.region("predict")) {
                        p = Predictor.predict(trained, named, loaded.samples());
                    }
                    printer.print(job.clip(), job.label(), loaded, p);
                    if (!json) for (String note : loaded.notes()) err.println("tandem predict: note: " + media.name() + ": " + note);
                } catch (IOException | RuntimeException e) {
                    failures++;
                    err.println("tandem predict: error: " + (job.clip() != null ? "clip '" + job.clip() + "': " : "") + Main.oneLine(e));
                }
                err.flush();
            }
            return failures;
        });
        if (jobs.size() > 1) {
            err.println("tandem predict: " + (jobs.size() - failed) + " of " + jobs.size() + " clip(s) classified"
                    + (failed > 0 ? ", " + failed + " failed" : ""));
            err.flush();
        }
        return failed > 0 ? 2 : 0;
    }

    private List<Job> jobs() throws IOException {
        if (manifest != null) {
            if (!files.isEmpty() || audio != null) {
                throw new ParameterException(command.commandLine(), "--manifest names the clips: give no FILE and no --audio with it");
            }
            List<Job> jobs = new ArrayList<>();
            for (ManifestEntry e : Manifest.read(manifest, false).entries()) {
                Optional<Path> a = e.audio();
                jobs.add(new Job(e.clip(), e.video(), a.orElse(e.video()), "the manifest's audio column", e.start(), e.end(),
                        e.label()));
            }
            return jobs;
        }
        if (files.isEmpty() && audio == null) {
            throw new ParameterException(command.commandLine(), "nothing to classify: name video FILEs, a --manifest, or (audio-only model) --audio");
        }
        if (audio != null && files.size() > 1) {
            throw new ParameterException(command.commandLine(), "--audio goes with one FILE, got " + files.size()
                    + " (use --audio-dir or a --manifest for many)");
        }
        if (files.isEmpty()) return List.of(new Job(null, null, audio, "--audio", OptionalDouble.empty(), OptionalDouble.empty(), null));
        List<Job> jobs = new ArrayList<>();
        for (Path f : files) jobs.add(new Job(null, f, audio, "--audio", OptionalDouble.empty(), OptionalDouble.empty(), null));
        return jobs;
    }
}
