package tandem.emotion.cli;

import com.google.gson.GsonBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tandem.emotion.infer.ClipLoader;
import tandem.emotion.infer.ClipPrediction;

/**
 * {@code predict}'s output: a table with one row per clip (the header before the first row), or one JSON object per
 * line. Each names the video and the audio used and where the audio came from; ties are shown as ties.
 */
final class PredictionPrinter {
    private final PrintWriter out;
    private final boolean json;
    private final boolean withClipIds;
    private final List<String> classes;
    private boolean headerPrinted;

    PredictionPrinter(PrintWriter out, boolean json, boolean withClipIds, List<String> classes) {
        this.out = out;
        this.json = json;
        this.withClipIds = withClipIds;
        this.classes = List.copyOf(classes);
    }

    /** One clip; {@code clip} and {@code label} are the manifest's (null for files). */
    void print(String clip, String label, ClipLoader.Loaded loaded, ClipPrediction p) {
        if (json) {
            out.println(jsonLine(clip, label, loaded, p));
        } else {
            if (!headerPrinted) out.println(header());
            headerPrinted = true;
            out.println(row(clip, loaded.media(), p));
        }
        out.flush();
    }

    /** "joy", or for a tie "tie: joy/sad". */
    static String predicted(ClipPrediction p) {
        return p.isTie() ? "tie: " + String.join("/", p.winners()) : p.predicted();
    }

    /** The audio and where it came from: "clip.wav (found in ../audio/)", or "- (video-only model)". */
    static String audioUsed(ClipLoader.Media m) {
        if (m.audio() == null) return "- (" + m.audioSource() + ")";
        return m.audio().getFileName() + " (" + m.audioSource() + ")";
    }

    private String header() {
        StringBuilder sb = new StringBuilder();
        if (withClipIds) sb.append(String.format(Locale.ROOT, "%-20s ", "clip"));
        sb.append(String.format(Locale.ROOT, "%-32s %8s", "video", "segments"));
        for (String c : classes) sb.append(String.format(Locale.ROOT, " %10s", "p(" + c + ")"));
        return sb.append("  ").append(String.format(Locale.ROOT, "%-12s", "predicted")).append("  audio").toString();
    }

    private String row(String clip, ClipLoader.Media m, ClipPrediction p) {
        StringBuilder sb = new StringBuilder();
        if (withClipIds) sb.append(String.format(Locale.ROOT, "%-20s ", clip));
        sb.append(String.format(Locale.ROOT, "%-32s %8d", m.video() != null ? m.video().getFileName() : "-", p.segments()));
        for (double v : p.probabilities()) sb.append(String.format(Locale.ROOT, " %10.4f", v));
        return sb.append("  ").append(String.format(Locale.ROOT, "%-12s", predicted(p))).append("  ").append(audioUsed(m)).toString();
    }

    static String jsonLine(String clip, String label, ClipLoader.Loaded loaded, ClipPrediction p) {
        ClipLoader.Media m = loaded.media();
        Map<String, Object> o = new LinkedHashMap<>();
        if (clip != null) o.put("clip", clip);
        o.put("file", pathOrNull(m.video()));
        o.put("audio", pathOrNull(m.audio()));
        o.put("audio_source", m.audioSource());
        if (m.rotation() != 0) o.put("rotation", m.rotation());
        if (label != null) o.put("label", label);
        o.put("segments", p.segments());
        Map<String, Double> probs = new LinkedHashMap<>();
        for (int c = 0; c < p.classes().size(); c++) probs.put(p.classes().get(c), p.probabilities()[c]);
        o.put("probabilities", probs);
        o.put("predicted", p.isTie() ? null : p.predicted());
        if (p.isTie()) o.put("tie", p.winners());
        o.put("notes", loaded.notes());
        return new GsonBuilder().serializeNulls().disableHtmlEscaping().create().toJson(o);
    }

    private static String pathOrNull(Path p) {
        return p == null ? null : p.toString();
    }
}
