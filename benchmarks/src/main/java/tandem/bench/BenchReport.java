package tandem.bench;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One bench run as JSON, what {@code bench compare} reads: the environment (with the load average at the start, and
 * at the end here), the ceilings measured per thread count (the FMA peak before and after that thread count's rows,
 * and the memory bandwidth), warnings, and the rows with the spread of their repeats. Unknown figures are absent rather than NaN, so any JSON tool reads the file.
 */
record BenchReport(int format, BenchEnvironment environment, Double loadAtEnd, List<Ceiling> ceilings, List<String> warnings,
                   List<Row> rows) {
    static final int FORMAT = 1;
    private static final Gson GSON = new GsonBuilder().setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .setPrettyPrinting().create();

    /** The roofline of one thread count: peak at the start and at the end of its rows, and the bandwidth. */
    record Ceiling(int threads, String device, Double peakGflops, Double peakEndGflops, Double bandwidthGbs, String peakSource,
                   String bandwidthSource) {
        /** How far the peak moved between the start and the end of this thread count's rows (NaN if not measured twice). */
        double peakDrift() {
            return peakGflops == null || peakEndGflops == null ? Double.NaN : Math.abs(peakEndGflops - peakGflops) / peakGflops;
        }
    }

    /** A row as stored: the median and quartiles of its repeats, its work, and for latency rows the 95th percentile. */
    record Row(String op, String pass, int threads, String device, double ms, double msQ1, double msQ3, int runs, Double spread,
               Double gflops, Double gbs, Double flopsPerByte, Double peakFraction, Double p95Ms) {
        static Row of(BenchRow r) {
            return new Row(r.op(), r.pass(), r.threads(), r.device(), r.ms(), r.time().quantile(0.25), r.time().quantile(0.75),
                    r.time().runs(), r.time().spread(), finite(r.gflops()), finite(r.gbPerSecond()), finite(r.intensity()),
                    finite(r.peakFraction()), finite(r.p95()));
        }

        String key() { return op + " " + pass + " " + (device == null ? "t" + threads : device); }
    }

    static Double finite(double v) { return Double.isFinite(v) ? v : null; }

    String toJson() { return GSON.toJson(this); }

    /**
     * Reads a file written by {@code bench --out}, or the bare row array an older {@code bench --json} printed
     * (its rows have no spread). Bad input is one message naming the file.
     */
    static BenchReport read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file");
        }
        try {
            JsonElement root = JsonParser.parseString(text);
            if (root.isJsonArray()) {
                List<Row> rows = new ArrayList<>();
                for (JsonElement e : root.getAsJsonArray()) {
                    JsonObject o = e.getAsJsonObject();
                    double ms = o.get("ms").getAsDouble();
                    rows.add(new Row(o.get("op").getAsString(), o.get("pass").getAsString(), o.get("threads").getAsInt(), null, ms, ms, ms,
                            0, null, null, null, null, null, null));
                }
                return new BenchReport(0, null, null, List.of(), List.of(), rows);
            }
            BenchReport r = GSON.fromJson(root, BenchReport.class);
            if (r == null || r.rows() == null) throw new JsonParseException("no \"rows\"");
            for (Row row : r.rows()) {
                if (row.op() == null || row.pass() == null || !(row.ms() > 0)) throw new JsonParseException("a row without op, pass or ms");
            }
            return r;
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | NullPointerException e) {
            throw new IOException(file + ": not a bench result (" + e.getMessage() + "); write one with ./tandem bench --out FILE");
        }
    }
}
