package tandem.emotion.explain;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import tandem.emotion.model.fusion.FusionBlock;
import tandem.emotion.model.fusion.FusionPoint;
import tandem.emotion.model.fusion.MsafBlock;
import tandem.emotion.model.fusion.WindowedCrossAttention;
import tandem.emotion.protocol.SubSegment;
import tandem.tensor.Tensor;

/**
 * The teaching page of a trained model on one sub-segment of a real clip ({@code ./tandem explain --html}): the
 * frames the model saw, the waveform and the MFCC, then the attention maps, the gates and the class maps, every
 * drawing with a time axis on the same seconds, so the maps sit under the moments they are about.
 */
final class ExplainPage {
    static final CodeRef FRAMES = CodeRef.method("tandem.emotion.video.ClipSampler", "sample"),
            SOUND = CodeRef.method("tandem.emotion.audio.WavReader", "read"),
            MFCC = CodeRef.method("tandem.emotion.features.FeatureExtractor", "audioFeatures"),
            WINDOWED = CodeRef.method("tandem.emotion.model.fusion.WindowedCrossAttention", "forward"),
            MSAF = CodeRef.method("tandem.emotion.model.fusion.MsafBlock", "forward"),
            CLASS_MAPS = CodeRef.method("tandem.emotion.model.head.ClassMapHead", "forward"),
            PROBABILITIES = CodeRef.method("tandem.emotion.explain.Explanation", "of");
    static final int THUMBNAIL = 96;

    private final Explanation e;
    private final ClipMedia media;
    private final SubSegment segment;

    private ExplainPage(Explanation e, ClipMedia media) {
        this.e = e;
        this.media = media;
        this.segment = e.sample().segment();
    }

    static void write(Path file, Explanation e, ClipMedia media, Path clip, Path audio) throws IOException {
        ExplainPage p = new ExplainPage(e, media);
        JsonArray steps = new JsonArray();
        steps.add(p.clipStep(clip, audio));
        p.attentionSteps(steps);
        p.classMapStep(steps);
        steps.add(p.probabilityStep());
        JsonObject walk = new JsonObject();
        walk.addProperty("windows", 0);
        walk.addProperty("title", String.format(Locale.ROOT, "Model %s from %s, clip %s, sub-segment %d: %.2f s to %.2f s, in eval mode.",
                e.trained().spec(), e.trained().file().getFileName(), clip.getFileName(), p.segment.index(), p.segment.start(), p.segment.end()));
        walk.add("steps", steps);
        JsonArray walks = new JsonArray();
        walks.add(walk);
        JsonObject data = new JsonObject();
        data.addProperty("kind", "explain");
        data.add("walks", walks);
        data.addProperty("selected", 0);
        TeachingPage.write(file, "What the model attended to in " + clip.getFileName(), data);
    }

    private JsonObject clipStep(Path clip, Path audio) throws IOException {
        JsonArray blocks = new JsonArray();
        int n = e.trained().input().frames();
        blocks.add(text(String.format(Locale.ROOT, "Sub-segment %d of %s runs from %.2f s to %.2f s. The model saw %d frames of it and its sound as"
                + " %d MFCC coefficients over %d steps (the sound from %s). Every drawing below with seconds on its axis maps them to the same"
                + " width, so what is above and below a moment happened at that moment.", segment.index(), clip.getFileName(), segment.start(),
                segment.end(), n, media.mfcc().length, media.mfcc()[0].length, audio.equals(clip) ? "the video's own track" : audio.getFileName())));
        blocks.add(frames("the " + n + " frames the model was fed", media.picked(n)));
        blocks.add(wave());
        blocks.add(mfcc());
        return TeachingPage.step("clip", "the clip", "1. The clip: frames, waveform and MFCC on one time axis", blocks);
    }

    private void attentionSteps(JsonArray steps) throws IOException {
        Map<FusionPoint, FusionBlock> fusion = e.trained().model().fusionBlocks();
        JsonArray attention = new JsonArray(), gates = new JsonArray();
        if (fusion.isEmpty()) attention.add(text("This model has no fusion block (fusion=" + e.trained().spec().fusion() + "), so there is no attention to draw."));
        for (var entry : fusion.entrySet()) {
            String point = entry.getKey().name().toLowerCase(Locale.ROOT), prefix = "fusion_" + point + ".";
            if (entry.getValue() instanceof WindowedCrossAttention) {
                int tv = e.tap(prefix + "gate_video").size(2), l = e.tap(prefix + "gate_audio").size(2);
                if (attention.isEmpty()) {
                    attention.add(frames("frames at the centre of each video step", media.atSteps(e.trained().input().frames(), tv)));
                    attention.add(wave());
                }
                attention.add(text("Windowed cross-attention at " + point.toUpperCase(Locale.ROOT) + ": each row is one query step's softmax over the key"
                        + " steps of its own window, so it sums to 1; the blocks on the diagonal are the windows, and every cell outside them is 0."));
                for (AttentionFigures.Direction d : AttentionFigures.Direction.values()) {
                    boolean v2a = d == AttentionFigures.Direction.VIDEO_TO_AUDIO;
                    int rows = v2a ? tv : l, cols = v2a ? l : tv;
                    double[][] m = AttentionFigures.wholeClip(e, prefix, d, rows, cols);
                    attention.add(heatmap(d.queries + " queries " + d.keys + " (" + prefix + d.tap + ")", m, timeAxis(d.keys + " steps (keys), time in the clip (s)"),
                            labels(d.queries + " step (s)", TimeAxis.of(segment, rows).labels()), "seq", 0.0, max(m), "weight", WINDOWED));
                }
                for (String modality : List.of("video", "audio")) {
                    Tensor gate = e.tap(prefix + "gate_" + modality);   // (1, C, T)
                    gates.add(heatmap("A_" + modality.charAt(0) + " (" + prefix + "gate_" + modality + "), one gate per channel and time step", matrix(gate),
                            timeAxis("time in the clip (s)"), labels("channel", indices(gate.size(1))), "seq", 0.0, 1.0, "gate", WINDOWED));
                }
                gates.add(lines(prefix));
            } else if (entry.getValue() instanceof MsafBlock msaf) {
                Tensor t = e.tap(prefix + "attention");   // (1, blocks, bc)
                List<String> rows = new ArrayList<>();
                for (int b = 0; b < t.size(1); b++) rows.add(b < msaf.videoBlocks() ? "video " + b : "audio " + (b - msaf.videoBlocks()));
                attention.add(text("MSAF at " + point.toUpperCase(Locale.ROOT) + " attends over channel blocks, not time: each column is a softmax over all blocks."));
                attention.add(heatmap("MSAF split attention (" + prefix + "attention)", matrix(t), labels("channel within block", indices(t.size(2))),
                        labels("block", rows), "seq", 0.0, 1.0, "weight", MSAF));
            }
        }
        steps.add(TeachingPage.step("attention", "the model", "2. Attention, under the clip's frames and sound", attention));
        if (!gates.isEmpty()) steps.add(TeachingPage.step("gates", "the model", "3. The gates A of eq. 6 over time", gates));
    }

    private void classMapStep(JsonArray steps) throws IOException {
        Tensor maps = e.tap("video_head.class_maps");   // (1, C, T, H, W)
        JsonArray blocks = new JsonArray();
        if (maps == null) {
            blocks.add(text("No class maps: they come from the class-map classifier (head=classmap); this model has head=" + e.trained().spec().head() + "."));
        } else {
            int c = maps.size(1), t = maps.size(2);
            double[][] perClass = matrix(maps.mean(false, 3, 4));   // (C, T)
            double[][] deviation = new double[c][t];
            for (int step = 0; step < t; step++) {
                double mean = 0;
                for (int k = 0; k < c; k++) mean += perClass[k][step] / c;
                for (int k = 0; k < c; k++) deviation[k][step] = perClass[k][step] - mean;
            }
            List<String> names = new ArrayList<>();
            for (int k = 0; k < c; k++) names.add(String.format(Locale.ROOT, "%s p=%.2f", e.trained().classes().get(k), e.probabilities()[k]));
            blocks.add(frames("frames at the centre of each step of the maps", media.atSteps(e.trained().input().frames(), t)));
            double[] range = TimeStrips.range(perClass);
            blocks.add(heatmap("class maps (eq. 7), mean over channels and space: one scale shared by every class", perClass, timeAxis("time in the clip (s)"),
                    labels("class", names), "seq", range[0], range[1], "class map", CLASS_MAPS));
            blocks.add(heatmap("each class's map minus the mean of the " + c + " maps at that step: what tells the classes apart", deviation,
                    timeAxis("time in the clip (s)"), labels("class", names), "div", null, null, "difference from the mean", CLASS_MAPS));
        }
        steps.add(TeachingPage.step("class-maps", "the model", "4. Class maps over time", blocks));
    }

    private JsonObject probabilityStep() {
        JsonObject bars = new JsonObject();
        bars.addProperty("type", "bars");
        bars.addProperty("label", "softmax of the logits, one per class");
        JsonArray names = new JsonArray();
        e.trained().classes().forEach(names::add);
        bars.add("names", names);
        bars.add("values", TeachingPage.values(e.probabilities()));
        bars.addProperty("highlight", e.predictedIndex());
        JsonArray blocks = new JsonArray();
        blocks.add(bars);
        return TeachingPage.step("probabilities", "the model", "5. What the model predicts", blocks);
    }

    // ---- blocks ------------------------------------------------------------------------------------------------
    private JsonObject frames(String label, List<BufferedImage> images) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("type", "frames");
        o.addProperty("label", label);
        o.addProperty("start", segment.start());
        o.addProperty("end", segment.end());
        TimeAxis axis = TimeAxis.of(segment, images.size());
        JsonArray list = new JsonArray();
        for (int i = 0; i < images.size(); i++) {
            JsonObject im = new JsonObject();
            im.addProperty("time", axis.centre(i));
            im.addProperty("src", jpeg(TimeStrips.square(images.get(i), THUMBNAIL)));
            list.add(im);
        }
        o.add("images", list);
        TeachingPage.refs(o, null, FRAMES);
        return o;
    }

    private JsonObject wave() {
        double[][] env = media.envelope(600);
        JsonObject o = new JsonObject();
        o.addProperty("type", "wave");
        o.addProperty("label", String.format(Locale.ROOT, "waveform, %d samples at %d Hz", media.sound().length, media.sampleRate()));
        o.addProperty("start", segment.start());
        o.addProperty("end", segment.end());
        o.add("min", TeachingPage.values(env[0]));
        o.add("max", TeachingPage.values(env[1]));
        TeachingPage.refs(o, null, SOUND);
        return o;
    }

    private JsonObject mfcc() {
        return heatmap("MFCC the model was fed (coefficient 0 at the top)", media.mfcc(), timeAxis("time in the clip (s)"),
                labels("coefficient", indices(media.mfcc().length)), "rows", null, null, TimeStrips.MFCC_SCALE, MFCC);
    }

    private JsonObject lines(String prefix) {
        JsonObject o = new JsonObject();
        o.addProperty("type", "lines");
        o.addProperty("label", "mean gate over channels: how strongly each modality's maps are kept after attending to the other");
        o.addProperty("start", segment.start());
        o.addProperty("end", segment.end());
        o.addProperty("yMin", 0.0);
        o.addProperty("yMax", 1.0);
        JsonArray series = new JsonArray();
        for (String modality : List.of("video", "audio")) {
            JsonObject s = new JsonObject();
            s.addProperty("name", "A_" + modality.charAt(0) + " (" + modality + ")");
            s.add("values", TeachingPage.values(GateChart.channelMean(e.tap(prefix + "gate_" + modality))));
            series.add(s);
        }
        o.add("series", series);
        return o;
    }

    private static JsonObject heatmap(String label, double[][] m, JsonObject x, JsonObject y, String scale, Double min, Double max, String scaleTitle,
                                      CodeRef engine) {
        JsonObject o = new JsonObject();
        o.addProperty("type", "heatmap");
        o.addProperty("label", label);
        o.addProperty("rows", m.length);
        o.addProperty("cols", m[0].length);
        double[] flat = new double[m.length * m[0].length];
        for (int r = 0; r < m.length; r++) System.arraycopy(m[r], 0, flat, r * m[0].length, m[0].length);
        o.add("values", TeachingPage.values(flat));
        o.add("x", x);
        o.add("y", y);
        o.addProperty("scale", scale);
        if (min != null) o.addProperty("min", min);
        if (max != null) o.addProperty("max", max);
        o.addProperty("scaleTitle", scaleTitle);
        TeachingPage.refs(o, null, engine);
        return o;
    }

    private JsonObject timeAxis(String title) {
        JsonObject o = new JsonObject();
        o.addProperty("title", title);
        o.addProperty("start", segment.start());
        o.addProperty("end", segment.end());
        return o;
    }

    private static JsonObject labels(String title, List<String> labels) {
        JsonObject o = new JsonObject();
        o.addProperty("title", title);
        JsonArray a = new JsonArray();
        labels.forEach(a::add);
        o.add("labels", a);
        return o;
    }

    private static JsonObject text(String s) {
        JsonObject o = new JsonObject();
        o.addProperty("type", "text");
        o.addProperty("text", s);
        return o;
    }

    private static List<String> indices(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(Integer.toString(i));
        return out;
    }

    // a tap with a batch axis of 1 and two more axes (after any averaging) as rows x columns
    private static double[][] matrix(Tensor t) {
        Tensor m = t.squeeze(0);
        int rows = m.size(0), cols = m.size(1);
        double[] v = m.toDoubleArray();
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) System.arraycopy(v, r * cols, out[r], 0, cols);
        return out;
    }

    private static double max(double[][] m) { return TimeStrips.range(m)[1]; }

    private static String jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "jpg", bytes)) throw new IOException("no JPEG writer available");
        return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
