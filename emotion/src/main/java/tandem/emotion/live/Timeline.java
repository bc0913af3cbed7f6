package tandem.emotion.live;

import com.google.gson.Gson;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes the results as they come, one line per window and flushed at once: a table, or with {@code json} one JSON
 * object per line:
 * <pre>{"window":0,"start":0.0,"end":1.2,"probabilities":{"anger":0.1,...},"predicted":"joy","smoothed":"joy","latency_ms":85.2,"dropped":0}</pre>
 */
public final class Timeline implements Consumer<WindowResult> {
    private static final Gson GSON = new Gson();
    private final List<String> classes;
    private final boolean json;
    private final PrintWriter out;

    public Timeline(List<String> classes, boolean json, PrintWriter out) {
        this.classes = List.copyOf(classes);
        this.json = json;
        this.out = out;
    }

    /** The table's column names (nothing for JSON lines). */
    public void header() {
        if (json) return;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%6s %17s", "window", "span (s)"));
        for (String c : classes) sb.append(String.format(Locale.ROOT, " %10s", "p(" + c + ")"));
        out.println(sb.append(String.format(Locale.ROOT, "  %-10s %-10s %10s %7s", "predicted", "smoothed", "latency ms", "dropped")));
        out.flush();
    }

    @Override
    public void accept(WindowResult r) {
        out.println(json ? jsonLine(r) : row(r));
        out.flush();
    }

    private String row(WindowResult r) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%6d %8.3f-%8.3f", r.index(), r.start(), r.end()));
        for (double p : r.probabilities()) sb.append(String.format(Locale.ROOT, " %10.4f", p));
        return sb.append(String.format(Locale.ROOT, "  %-10s %-10s %10.1f %7d", classes.get(r.predicted()), classes.get(r.smoothed()),
                r.latencyMillis(), r.dropped())).toString();
    }

    String jsonLine(WindowResult r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("window", r.index());
        o.put("start", r.start());
        o.put("end", r.end());
        Map<String, Double> probabilities = new LinkedHashMap<>();
        double[] p = r.probabilities();
        for (int c = 0; c < classes.size(); c++) probabilities.put(classes.get(c), p[c]);
        o.put("probabilities", probabilities);
        o.put("predicted", classes.get(r.predicted()));
        o.put("smoothed", classes.get(r.smoothed()));
        o.put("latency_ms", Math.round(r.latencyMillis() * 1000) / 1000.0);
        o.put("dropped", r.dropped());
        return GSON.toJson(o);
    }
}
