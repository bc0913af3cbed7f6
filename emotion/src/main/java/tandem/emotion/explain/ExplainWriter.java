package tandem.emotion.explain;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tandem.emotion.model.fusion.FusionBlock;
import tandem.emotion.model.fusion.FusionPoint;
import tandem.emotion.model.fusion.MsafBlock;
import tandem.emotion.model.fusion.WindowedCrossAttention;
import tandem.emotion.protocol.SubSegment;
import tandem.emotion.rundir.JsonFiles;
import tandem.emotion.rundir.OutputFolder;
import tandem.nn.io.AtomicFiles;
import tandem.tensor.Shape;
import tandem.tensor.Tensor;

/**
 * Writes the figures of one {@link Explanation} and an {@code explain.md} that ties them together: attention
 * heatmaps (window fusion) or block attention (MSAF), the gates over time, the class maps over the frames, and
 * {@code probabilities.json}. Every file is replaced atomically. What a model cannot show (no fusion, a linear head)
 * is skipped with a note saying why.
 */
public final class ExplainWriter {
    public static final String PROBABILITIES = "probabilities.json", REPORT = "explain.md", GATES = "gates.png",
            CLASS_MAPS = "class-maps.png", CLIP = "clip.png", PAGE = "explain.html";

    /** The files written, in order, and the notes on what was skipped. */
    public record Written(List<Path> files, List<String> notes) {}

    private final Explanation e;
    private final Path clip, audio, out;
    private final ClipMedia media;
    private final List<Path> files = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final StringBuilder figures = new StringBuilder();

    private ExplainWriter(Explanation e, Path clip, Path audio, Path out, ClipMedia media) {
        this.e = e;
        this.clip = clip;
        this.audio = audio;
        this.out = out;
        this.media = media;
    }

    /**
     * Fails unless {@code out} is new, empty, or holds an earlier explanation of the same clip, sub-segment and
     * checkpoint (told by its {@value #PROBABILITIES}): anything else there is someone else's, and is not overwritten.
     */
    public static void requireOwnFolder(Path out, Path checkpoint, Path clip, int segment) throws IOException {
        List<Path> present = OutputFolder.contents(out);
        if (present.isEmpty()) return;
        boolean same = false;
        Path probs = out.resolve(PROBABILITIES);
        if (Files.isRegularFile(probs)) {
            try {
                JsonObject o = JsonFiles.readObject(probs, "probabilities of an explanation");
                same = o.has("checkpoint") && o.has("clip") && o.has("segment") && o.get("segment").getAsInt() == segment
                        && absolute(o.get("clip").getAsString()).equals(absolute(clip.toString()))
                        && absolute(o.get("checkpoint").getAsString()).equals(absolute(checkpoint.toString()));
            } catch (IOException | RuntimeException unreadable) {
                same = false;
            }
        }
        if (!same) {
            throw new IOException(out + " holds files that are not an explanation of this clip, segment and checkpoint ("
                    + present.get(0).getFileName() + (present.size() > 1 ? " and " + (present.size() - 1) + " more" : "")
                    + "); explain writes into a new or empty folder, or over its own earlier output; choose another --out");
        }
    }

    private static Path absolute(String p) { return Path.of(p).toAbsolutePath().normalize(); }

    /** The figures, {@code probabilities.json} and {@code explain.md}; with {@code html}, also the page {@code explain.html}. */
    public static Written write(Explanation e, Path clip, Path audio, Path out, boolean html) throws IOException {
        ClipMedia media = ClipMedia.load(e, clip, audio);   // read before anything is written: a bad file leaves the folder as it was
        Files.createDirectories(out);
        ExplainWriter w = new ExplainWriter(e, clip, audio, out, media);
        w.clipFigure();
        w.attention();
        w.classMaps();
        w.probabilities();
        w.report();
        if (html) {
            Path page = out.resolve(PAGE);
            ExplainPage.write(page, e, media, clip, audio);
            w.files.add(page);
        }
        return new Written(List.copyOf(w.files), List.copyOf(w.notes));
    }

    public static Written write(Explanation e, Path clip, Path audio, Path out) throws IOException { return write(e, clip, audio, out, false); }

    private void clipFigure() throws IOException {
        Path png = out.resolve(CLIP);
        TimeStrips.write(ClipFigure.render(media, e.trained().input().frames()), png);
        files.add(png);
        figures.append("## The clip\n\n- `").append(CLIP).append("`: the ").append(e.trained().input().frames())
                .append(" frames the model was fed and, under them on the same time axis, the sub-segment's waveform and the MFCC the model was fed")
                .append(" (each MFCC coefficient on its own colour scale, from its lowest to its highest value: coefficient 0, the log energy,")
                .append(" lies hundreds below the others).\n\n");
    }

    private void attention() throws IOException {
        Map<FusionPoint, FusionBlock> blocks = e.trained().model().fusionBlocks();
        if (blocks.isEmpty()) {
            notes.add("No attention plots and no gates: the model has no fusion block (fusion=" + e.trained().spec().fusion()
                    + ", modality=" + e.trained().spec().modality().key() + ").");
            return;
        }
        List<String> windowPrefixes = new ArrayList<>();
        for (var entry : blocks.entrySet()) {
            String point = entry.getKey().name().toLowerCase(Locale.ROOT);
            String prefix = "fusion_" + point + ".", suffix = blocks.size() > 1 ? "-" + point : "";
            if (entry.getValue() instanceof WindowedCrossAttention) {
                windowPrefixes.add(prefix);
                int tv = e.tap(prefix + "gate_video").size(2), l = e.tap(prefix + "gate_audio").size(2);
                Path v2a = out.resolve("attention-video-to-audio" + suffix + ".png"), a2v = out.resolve("attention-audio-to-video" + suffix + ".png");
                AttentionFigures.drawWindowed(e, prefix, AttentionFigures.Direction.VIDEO_TO_AUDIO, tv, l, v2a);
                AttentionFigures.drawWindowed(e, prefix, AttentionFigures.Direction.AUDIO_TO_VIDEO, l, tv, a2v);
                files.add(v2a);
                files.add(a2v);
                figures.append("## Windowed cross-attention at ").append(point.toUpperCase(Locale.ROOT)).append("\n\n")
                        .append("- `").append(v2a.getFileName()).append("`: rows are the ").append(tv)
                        .append(" video time steps (queries), columns the ").append(l).append(" audio steps (keys), both in seconds within the clip. ")
                        .append("Each row is a softmax over the audio steps of its own window (eq. 4), so it sums to 1; the blocks on the diagonal ")
                        .append("are the windows, and everything outside them is 0 because a query never sees another window.\n")
                        .append("- `").append(a2v.getFileName()).append("`: the reverse direction, audio steps querying video steps.\n\n");
            } else if (entry.getValue() instanceof MsafBlock msaf) {
                Path png = out.resolve("attention-blocks-" + point + ".png");
                AttentionFigures.drawBlocks(e, prefix, msaf, png);
                files.add(png);
                figures.append("## MSAF split attention at ").append(point.toUpperCase(Locale.ROOT)).append("\n\n- `").append(png.getFileName())
                        .append("`: rows are channel blocks (").append(msaf.videoBlocks()).append(" video, ").append(msaf.audioBlocks())
                        .append(" audio), columns the channels within a block; each column is a softmax over all blocks. ")
                        .append("MSAF attends over channels, not time, so there is no time axis to draw.\n\n");
            } else {
                notes.add("No attention plot for " + prefix + ": fusion '" + e.trained().spec().fusion()
                        + "' publishes no attention weights (the window fusion and MSAF do).");
            }
        }
        Map<String, Tensor> gates = GateChart.gatesOf(e, windowPrefixes);
        if (gates.isEmpty()) {
            notes.add("No " + GATES + ": only the window fusion has gates that vary over time.");
            return;
        }
        Path png = out.resolve(GATES);
        GateChart.draw(e, gates, png);
        files.add(png);
        figures.append("## Gates\n\n- `").append(GATES).append("`: the gates A of eq. 6, averaged over channels, at every time step: ")
                .append("how strongly each modality's feature maps are kept after attending to the other (sigmoid gates lie in (0, 1)).\n\n");
    }

    private void classMaps() throws IOException {
        Tensor maps = e.tap("video_head.class_maps");
        if (maps == null) {
            notes.add("No " + CLASS_MAPS + ": class maps come from the class-map classifier; this model has head="
                    + e.trained().spec().head() + " (train with head=classmap to get them).");
            return;
        }
        SubSegment s = e.sample().segment();
        BufferedImage grid = ClassMapGrid.render(maps, media, e.trained().input().frames(), e.trained().classes(), e.probabilities(),
                TimeAxis.of(s, maps.size(2)));
        Path png = out.resolve(CLASS_MAPS);
        TimeStrips.write(grid, png);
        files.add(png);
        figures.append("## Class maps\n\n- `").append(CLASS_MAPS).append("`: one row per class, one column per time step of the video branch's final maps ")
                .append(Shape.str(maps.shape())).append(", with the frame at the centre of each step in the first row. A class's row shows its map (eq. 7, ")
                .append("mean over channels) minus the mean of all class maps at that step, red above and blue below, on one symmetric scale shared by ")
                .append("every class: the maps share most of their shape, and their differences are what the classifier decides on. The mean row shows ")
                .append("the common part on its own scale; the waveform and MFCC under the grid cover the same seconds. Colour bars for all three scales ")
                .append("are at the bottom.\n\n");
    }

    private void probabilities() throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("clip", clip.toString());
        json.put("checkpoint", e.trained().file().toString());
        json.put("audio", audio.toString());
        json.put("segment", e.sample().segment().index());
        json.put("start_s", e.sample().segment().start());
        json.put("end_s", e.sample().segment().end());
        Map<String, Double> p = new LinkedHashMap<>();
        for (int c = 0; c < e.trained().classes().size(); c++) p.put(e.trained().classes().get(c), e.probabilities()[c]);
        json.put("probabilities", p);
        json.put("predicted", e.trained().classes().get(e.predictedIndex()));
        Path file = out.resolve(PROBABILITIES);
        AtomicFiles.writeString(file, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json) + "\n");
        files.add(file);
    }

    private void report() throws IOException {
        SubSegment s = e.sample().segment();
        StringBuilder md = new StringBuilder("# What the model looked at\n\n");
        md.append(String.format(Locale.ROOT, "Clip `%s` with audio `%s`, sub-segment %d: %.2f s to %.2f s.%n%n", clip.getFileName(),
                audio.getFileName(), s.index(), s.start(), s.end()));
        md.append("Model `").append(e.trained().spec()).append("` from `").append(e.trained().file().getFileName()).append("`, run in eval mode.\n\n");
        md.append("| class | probability |\n|---|---|\n");
        for (int c = 0; c < e.trained().classes().size(); c++) {
            md.append(String.format(Locale.ROOT, "| %s%s | %.4f |%n", e.trained().classes().get(c), c == e.predictedIndex() ? " (predicted)" : "",
                    e.probabilities()[c]));
        }
        md.append("\nThe same numbers are in `").append(PROBABILITIES).append("`.\n\n").append(figures);
        if (!notes.isEmpty()) {
            md.append("## Not drawn\n\n");
            for (String n : notes) md.append("- ").append(n).append('\n');
            md.append('\n');
        }
        md.append("Time axes are seconds within the clip: every feature map's time axis spans the whole sub-segment, ")
                .append("so step i of T is centred at start + (i + 0.5) / T of its duration. docs/attention-internals.md explains the computation.\n");
        Path file = out.resolve(REPORT);
        AtomicFiles.writeString(file, md.toString());
        files.add(file);
    }
}
