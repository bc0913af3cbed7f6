package tandem.emotion.train;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tandem.emotion.rundir.JsonFiles;
import tandem.emotion.rundir.OutputFolder;
import tandem.nn.io.AtomicFiles;
import tandem.tensor.Tandem;

/**
 * run.json: the experiment's configuration, its classes in logit order, how its folds started ({@link FoldStart}), and
 * the environment it ran in, so a result can be traced and repeated.
 */
public final class RunRecord {
    public static final String FILE = "run.json";

    private RunRecord() {}

    public static Map<String, Object> config(ExperimentConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("manifest", c.manifest().toAbsolutePath().normalize().toString());
        m.put("model", c.modelSpec());
        m.put("protocol", c.protocol().name().toLowerCase());
        m.put("folds", c.folds());
        m.put("repeats", c.repeats());
        m.put("perClassCap", c.perClassCap());
        m.put("device", c.device());
        Map<String, Object> train = new LinkedHashMap<>();      // insertion order: run.json reads the same on every run
        train.put("epochs", c.train().epochs());
        train.put("batchSize", c.train().batchSize());
        train.put("lr", c.train().lr());
        train.put("weightDecay", c.train().weightDecay());
        train.put("seed", c.train().seed());
        if (c.train().selectsByValidation()) {   // absent for the default, so older run folders still resume
            train.put("select", c.train().selection().key());
            train.put("validationFraction", c.train().validationFraction());
            train.put("patience", c.train().patience());
        }
        m.put("train", train);
        return m;
    }

    public static Map<String, Object> environment() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tandem", Tandem.version());
        m.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("threads", Tandem.numThreads());
        m.put("started", java.time.Instant.now().toString());
        return m;
    }

    /**
     * Checks, without writing anything, that {@code dir} can take this run: new or empty, or (with {@code resume})
     * holding the same experiment. Returns true when it already holds that experiment's run.json.
     */
    public static boolean check(Path dir, ExperimentConfig c, boolean resume) throws IOException {
        OutputFolder.requireUsable(dir);
        Path file = dir.resolve(FILE);
        if (Files.exists(file)) {
            if (!resume) {
                throw new IOException(dir + " already holds a run (run.json); pass --resume to continue it or choose another --out");
            }
            JsonObject record = JsonFiles.readObject(file, "run record");
            if (!record.has("config") || !record.get("config").isJsonObject()) throw JsonFiles.damaged(file, "run record", "has no 'config' object");
            JsonObject old = record.getAsJsonObject("config").deepCopy();
            JsonObject now = asJson(config(c));
            now.remove("device");
            old.remove("device");
            if (!old.equals(now)) {
                throw new IOException(dir + " holds a different experiment (" + abbreviate(old.toString()) + "); --resume needs the same options ("
                        + now + ")");
            }
            requireSameThreads(file, record);
            return true;
        }
        if (!OutputFolder.isEmpty(dir)) {
            throw new IOException(dir + " is not empty and holds no run; choose an empty or new --out folder");
        }
        return false;
    }

    /**
     * The CPU kernels split sums over threads, so a different thread count rounds differently and a resumed fold would
     * not end where an unbroken one does. Refused, with the count to use, rather than continued quietly.
     */
    private static void requireSameThreads(Path file, JsonObject record) throws IOException {
        JsonObject env = record.has("environment") && record.get("environment").isJsonObject() ? record.getAsJsonObject("environment") : null;
        if (env == null || !env.has("threads")) return;    // written before threads were recorded
        int then;
        try {
            then = env.get("threads").getAsInt();
        } catch (RuntimeException e) {
            throw JsonFiles.damaged(file, "run record", "its environment.threads is not a number");
        }
        if (then != Tandem.numThreads()) {
            throw new IOException(file.getParent() + ": the run was started with " + then + " kernel threads and would resume with "
                    + Tandem.numThreads() + "; sums split differently over threads round differently, so results would not match an"
                    + " unbroken run; resume with --threads " + then);
        }
    }

    private static String abbreviate(String s) { return s.length() <= 300 ? s : s.substring(0, 290) + "..."; }

    /** Writes run.json, or, when resuming, checks that the folder holds the same experiment. */
    public static void writeOrCheck(Path dir, ExperimentConfig c, boolean resume) throws IOException {
        writeOrCheck(dir, c, null, FoldStart.SCRATCH, resume);
    }

    /**
     * Writes run.json with the run's classes (null: not recorded) and fold start, or, when resuming, checks that the
     * folder holds the same experiment with the same classes and start.
     */
    public static void writeOrCheck(Path dir, ExperimentConfig c, List<String> classes, FoldStart start, boolean resume) throws IOException {
        Path file = dir.resolve(FILE);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("config", config(c));
        if (classes != null) record.put("classes", classes);
        if (!start.record().isEmpty()) record.put("init", start.record());
        if (check(dir, c, resume)) {
            JsonObject old = read(dir, "--resume");
            for (String key : new String[] {"classes", "init"}) {
                JsonElement was = old.get(key), now = asJson(record).get(key);
                boolean unrecorded = key.equals("classes") && was == null;   // a run from before classes were recorded
                if (!unrecorded && !Objects.equals(was, now)) {
                    throw new IOException(dir + " holds a run with " + key + " " + was + "; --resume needs the same (" + now + ")");
                }
            }
            return;
        }
        Files.createDirectories(dir);
        record.put("environment", environment());
        String text = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(record);
        AtomicFiles.writeString(file, text);
    }

    /** The run.json of the run in {@code dir}; errors name {@code option}, the option that pointed there. */
    public static JsonObject read(Path dir, String option) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(option + " " + dir + ": not a run folder (no run.json); give the --out folder of a train run");
        }
        return JsonFiles.readObject(file, "run record");
    }

    /** The classes a run.json records, in logit order (empty for a run from before classes were recorded). */
    public static List<String> classes(JsonObject record) {
        List<String> out = new ArrayList<>();
        JsonArray a = record.getAsJsonArray("classes");
        if (a != null) for (JsonElement e : a) out.add(e.getAsString());
        return out;
    }

    /**
     * What decides a run's folds, from the "config" of its run.json: the data, protocol, folds, repeats, per-class cap
     * and seed. Two runs with the same key (and the same classes) train and test every fold on the same sub-segments.
     */
    public static String splitKey(JsonObject config) {
        return config.get("manifest").getAsString() + "|" + config.get("protocol").getAsString() + "|" + config.get("folds").getAsInt()
                + "|" + config.get("repeats").getAsInt() + "|" + config.getAsJsonObject("train").get("seed").getAsLong()
                + "|" + config.get("perClassCap").getAsInt();
    }

    /** {@code value} as a JSON tree, as run.json would hold it. */
    public static JsonObject asJson(Map<String, Object> value) {
        return JsonParser.parseString(new GsonBuilder().create().toJson(value)).getAsJsonObject();
    }
}
