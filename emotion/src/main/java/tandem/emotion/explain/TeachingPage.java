package tandem.emotion.explain;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import tandem.nn.io.AtomicFiles;
import tandem.tensor.Tensor;
import tandem.tensor.TimeWindows;

/**
 * One self-contained HTML file a reader clicks through step by step: the page's script, style and data are inline,
 * and its Content-Security-Policy forbids every request, so it opens anywhere, offline. The script
 * ({@code page.js}, plain DOM and SVG) draws the steps it finds in the data; the data comes from the engine: the
 * attention walkthrough's {@link Trace} for several window counts, or a trained model's explanation of a clip
 * ({@link ExplainPage}).
 * <p>
 * Data layout: {@code {kind, walks: [{windows, title, steps: [{id, phase, title, blocks: [...]}]}], selected}}, one
 * walk per window count (the slider switches between them), each block a {@code type} the script knows how to draw:
 * text, matrix, windows, heatmap, frames, wave, lines, bars. Every number's block carries {@code at} and
 * {@code engine}, the {@link CodeRef}s the page shows when the number is clicked.
 */
public final class TeachingPage {
    static final String RESOURCES = "/tandem/emotion/explain/";

    private TeachingPage() {}

    /** The window counts the walkthrough page offers: 1 to 4 (each fits the tiny input), and {@code selected}. */
    public static List<Integer> windowCounts(int selected) {
        TreeSet<Integer> counts = new TreeSet<>(List.of(1, 2, 3, 4));
        counts.add(selected);
        return List.copyOf(counts);
    }

    /** The attention walkthrough, forward and backward, for every window count in {@code counts}; {@code selected} first shown. */
    public static void writeWalkthrough(Path file, List<Integer> counts, int selected, int dim, long seed) throws IOException {
        if (!counts.contains(selected)) throw new IllegalArgumentException("walkthrough page: W = " + selected + " is not among " + counts);
        JsonArray walks = new JsonArray();
        for (int w : counts) {
            AttentionWalkthrough.Result r = AttentionWalkthrough.trace(w, dim, seed);
            walks.add(walk(w, r.title(), r.trace().steps()));
        }
        JsonObject data = new JsonObject();
        data.addProperty("kind", "walkthrough");
        data.add("walks", walks);
        data.addProperty("selected", counts.indexOf(selected));
        write(file, "Windowed cross-attention, forward and backward, step by step", data);
    }

    /** Fills the page template with {@code data} and writes it atomically. */
    static void write(Path file, String title, JsonObject data) throws IOException {
        String html = resource("page.html").replace("{{title}}", escape(title)).replace("{{style}}", resource("page.css"))
                .replace("{{script}}", resource("page.js"))
                .replace("{{data}}", new Gson().toJson(data));   // Gson escapes <, > and & as \\u003c..., so no "</script>" can occur
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        AtomicFiles.writeString(file, html);
    }

    static JsonObject walk(int windows, String title, List<Trace.Step> steps) {
        JsonObject walk = new JsonObject();
        walk.addProperty("windows", windows);
        walk.addProperty("title", title);
        JsonArray out = new JsonArray();
        for (Trace.Step s : steps) {
            JsonArray blocks = new JsonArray();
            for (Trace.Block b : s.blocks()) blocks.add(block(b));
            out.add(step(s.id(), s.phase().name().toLowerCase(Locale.ROOT), s.title(), blocks));
        }
        walk.add("steps", out);
        return walk;
    }

    static JsonObject step(String id, String phase, String title, JsonArray blocks) {
        JsonObject step = new JsonObject();
        step.addProperty("id", id);
        step.addProperty("phase", phase);
        step.addProperty("title", title);
        step.add("blocks", blocks);
        return step;
    }

    private static JsonObject block(Trace.Block b) {
        JsonObject o = new JsonObject();
        if (b instanceof Trace.Text t) {
            o.addProperty("type", "text");
            o.addProperty("text", t.text());
            if (t.text().startsWith("-- window")) o.addProperty("header", true);
            if (t.preformatted()) o.addProperty("pre", true);
        } else if (b instanceof Trace.Windows w) {
            o.addProperty("type", "windows");
            JsonArray axes = new JsonArray();
            for (int a = 0; a < w.names().size(); a++) {
                TimeWindows tw = w.axes().get(a);
                JsonObject axis = new JsonObject();
                axis.addProperty("name", w.names().get(a));
                axis.addProperty("length", tw.length());
                JsonArray starts = new JsonArray(), sizes = new JsonArray();
                for (int i = 0; i < tw.count(); i++) {
                    starts.add(tw.start(i));
                    sizes.add(tw.size(i));
                }
                axis.add("starts", starts);
                axis.add("sizes", sizes);
                axes.add(axis);
            }
            o.add("axes", axes);
        } else if (b instanceof Trace.Matrix m) {
            o.addProperty("type", "matrix");
            o.addProperty("label", m.label());
            JsonArray shape = new JsonArray();
            for (int n : m.value().shape()) shape.add(n);
            o.add("shape", shape);
            o.add("values", values(m.value()));
            o.addProperty("window", m.window());
            o.addProperty("probability", m.probability());
            if (m.firstSlice() != null) o.addProperty("sliceAxis", "channel");   // the rank-3 blocks are video maps (C, T, H*W)
            if (!Double.isNaN(m.check())) o.addProperty("check", m.check());
            refs(o, m.at(), m.engine());
        }
        return o;
    }

    /** A tensor's values in row-major order, as F32 numbers (the shortest text that reads back to the same float). */
    static JsonArray values(Tensor t) {
        JsonArray out = new JsonArray();
        for (float v : t.contiguous().toFloatArray()) out.add(v);
        return out;
    }

    static JsonArray values(double[] v) {
        JsonArray out = new JsonArray();
        for (double x : v) out.add((float) x);
        return out;
    }

    static void refs(JsonObject block, CodeRef at, CodeRef engine) {
        if (at != null) block.add("at", ref(at));
        if (engine != null) block.add("engine", ref(engine));
    }

    private static JsonObject ref(CodeRef r) {
        JsonObject o = new JsonObject();
        o.addProperty("file", r.file());
        o.addProperty("method", r.method());
        o.addProperty("line", r.line());
        o.addProperty("code", r.code());
        return o;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TeachingPage.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) throw new IOException("teaching page: resource " + RESOURCES + name + " is missing from the build");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
