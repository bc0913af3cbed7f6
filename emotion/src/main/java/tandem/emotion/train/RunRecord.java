package tandem.emotion.train;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tandem.emotion.rundir.JsonFiles;
import tandem.emotion.rundir.OutputFolder;
import tandem.nn.io.AtomicFiles;
import tandem.tensor.Tandem;

/** run.json: the experiment's configuration and the environment it ran in, so a result can be traced and repeated. */
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
        m.put("tandem", "0.1.0");
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
            JsonObject now = JsonParser.parseString(new GsonBuilder().create().toJson(config(c))).getAsJsonObject();
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
        if (check(dir, c, resume)) return;
        Path file = dir.resolve(FILE);
        Files.createDirectories(dir);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("config", config(c));
        record.put("environment", environment());
        String text = new GsonBuilder().setPrettyPrinting().create().toJson(record);
        AtomicFiles.writeString(file, text);
    }
}
