package tandem.emotion.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tandem.emotion.infer.RunCheckpoint;
import tandem.emotion.infer.TrainedModel;
import tandem.emotion.live.LiveOptions;
import tandem.emotion.live.LiveSession;
import tandem.emotion.live.LiveSummary;
import tandem.emotion.live.Smoothing;
import tandem.emotion.live.SourceSpec;
import tandem.emotion.live.StreamDecoder;
import tandem.emotion.live.Timeline;
import tandem.tensor.Tandem;

/** Emotion recognition on a stream as it arrives: one line per window, with a smoothed decision and its latency. */
@Command(name = "live", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Classify a stream as it arrives: every --hop frames the last 30-frame window runs through the model, and one"
                + " line per window gives its span, the class probabilities, the smoothed decision and the latency from the"
                + " window's last frame to its result. Notes and the summary go to standard error.",
            "SOURCE is a media file, a URL FFmpeg opens (rtsp://, udp://, http://, ...), - for standard input in a streamable"
                + " container (MPEG-TS, Matroska, NUT), or a capture device with --format (e.g. --format v4l2 /dev/video0)."})
public final class LiveCommand implements Callable<Integer> {
    @Spec
    private CommandSpec command;

    @Mixin
    private CheckpointOption checkpoint;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "file, URL, - (standard input) or device")
    String source;

    @Option(names = "--hop", defaultValue = "" + LiveOptions.DEFAULT_HOP, paramLabel = "FRAMES",
            description = "frames between window starts (default: ${DEFAULT-VALUE})")
    int hop;

    @Option(names = "--smooth", defaultValue = "exp", paramLabel = "exp|majority",
            description = "exp: moving average of the probabilities; majority: vote of the windows' decisions (default: ${DEFAULT-VALUE})")
    String smooth;

    @Option(names = "--last", defaultValue = "5", paramLabel = "K", description = "windows the smoothing spans (default: ${DEFAULT-VALUE})")
    int last;

    @Option(names = "--json", description = "one JSON object per window and line instead of a table")
    boolean json;

    @Option(names = "--realtime", description = "play a file at its own frame rate, as a camera would deliver it (windows the model"
            + " cannot keep up with are dropped)")
    boolean realtime;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "X", description = "with --realtime, play X times faster than real time (default: ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--loop", description = "start a file over at its end (with --duration, or until interrupted)")
    boolean loop;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "stop after this much of the stream")
    Double duration;

    @Option(names = "--format", paramLabel = "FMT", description = "FFmpeg input format of a capture device: v4l2, avfoundation, dshow, lavfi, ...")
    String format;

    @Option(names = "--input-option", paramLabel = "KEY=VALUE", description = "an FFmpeg input option, e.g. rtsp_transport=tcp or video_size=640x480 (repeatable)")
    Map<String, String> inputOptions = new LinkedHashMap<>();

    @Option(names = "--max-skew", defaultValue = "" + LiveOptions.DEFAULT_MAX_SKEW, paramLabel = "SECONDS",
            description = "how far sound and picture may arrive apart before the sound counts as stopped (default: ${DEFAULT-VALUE})")
    double maxSkew;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS", description = "give up on a silent network stream after this long (default: ${DEFAULT-VALUE})")
    double timeout;

    @Option(names = "--threads", description = "CPU threads for the kernels (default: all cores)")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        if (threads != null) Tandem.setNumThreads(threads);
        if (speed != 1 && !realtime) throw new IllegalArgumentException("--speed paces playback; it needs --realtime");
        LiveOptions options = LiveOptions.defaults()
                .withHop(hop)
                .withSmoothing(Smoothing.parse(smooth, last))
                .withPlayback(new StreamDecoder.Playback(realtime, speed, loop, timeout))
                .withDuration(duration == null ? Double.POSITIVE_INFINITY : duration)
                .withMaxSkew(maxSkew);
        SourceSpec spec = SourceSpec.parse(source, format, inputOptions, System.in);
        TrainedModel trained = RunCheckpoint.load(checkpoint.checkpoint);
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        Timeline timeline = new Timeline(trained.classes(), json, out);
        timeline.header();
        LiveSummary summary = LiveSession.run(trained, spec, options, timeline, note -> {
            err.println(note);
            err.flush();
        });
        err.println(summary.line());
        err.flush();
        return 0;
    }
}
