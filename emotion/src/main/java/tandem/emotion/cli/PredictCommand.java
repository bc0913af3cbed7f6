package tandem.emotion.cli;

import com.google.gson.Gson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tandem.emotion.infer.ClipLoader;
import tandem.emotion.infer.ClipPrediction;
import tandem.emotion.infer.Predictor;
import tandem.emotion.infer.RunCheckpoint;
import tandem.emotion.infer.TrainedModel;

/** Classifies video files with a trained checkpoint: per file, class probabilities averaged over its sub-segments. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Classify clips with a trained checkpoint: probabilities averaged over each clip's 30-frame sub-segments.")
public final class PredictCommand implements Callable<Integer> {
    @Spec
    private CommandSpec command;

    @Mixin
    private CheckpointOption checkpoint;

    @Mixin
    private VerboseOption verbose;

    @Option(names = "--audio-dir", description = "folder of <clip>.wav files (default: next to the video, then ../audio/)")
    private Path audioDir;

    @Option(names = "--json", description = "one JSON object per line and file instead of a table")
    private boolean json;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "video files")
    private List<Path> files = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        TrainedModel trained = RunCheckpoint.load(checkpoint.checkpoint);
        PrintWriter out = command.commandLine().getOut();
        if (!json) out.println(header(trained.classes()));
        for (Path video : files) {
            Path audio = ClipLoader.audioFor(video, null, audioDir);
            ClipPrediction p = Predictor.predict(trained, video, ClipLoader.load(trained.input(), video, audio));
            out.println(json ? jsonLine(p) : row(p));
            out.flush();
        }
        return 0;
    }

    private static String header(List<String> classes) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-32s %8s", "file", "segments"));
        for (String c : classes) sb.append(String.format(Locale.ROOT, " %10s", "p(" + c + ")"));
        return sb.append("  predicted").toString();
    }

    private static String row(ClipPrediction p) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-32s %8d", p.video().getFileName(), p.segments()));
        for (double v : p.probabilities()) sb.append(String.format(Locale.ROOT, " %10.4f", v));
        return sb.append("  ").append(p.predicted()).toString();
    }

    static String jsonLine(ClipPrediction p) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", p.video().toString());
        o.put("segments", p.segments());
        Map<String, Double> probs = new LinkedHashMap<>();
        for (int c = 0; c < p.classes().size(); c++) probs.put(p.classes().get(c), p.probabilities()[c]);
        o.put("probabilities", probs);
        o.put("predicted", p.predicted());
        return new Gson().toJson(o);
    }
}
