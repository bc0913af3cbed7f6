package tandem.emotion.train;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tandem.nn.io.AtomicFiles;
import tandem.tensor.Tandem;

/** run.json: the experiment's configuration and the environment it ran in, so a result can be traced and repeated. */
public final class RunRecord {
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
        m.put("train", Map.of("epochs", c.train().epochs(), "batchSize", c.train().batchSize(), "lr", c.train().lr(),
                "weightDecay", c.train().weightDecay(), "seed", c.train().seed()));
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
        Path file = dir.resolve("run.json");
        if (Files.exists(file)) {
            if (!resume) {
                throw new IOException(dir + " already holds a run (run.json); pass --resume to continue it or choose another --out");
            }
            JsonObject old;
            try {
                old = JsonParser.parseString(Files.readString(file)).getAsJsonObject().getAsJsonObject("config");
            } catch (RuntimeException e) {
                throw new IOException(file + ": malformed run record: " + e.getMessage(), e);
            }
            JsonObject now = JsonParser.parseString(new GsonBuilder().create().toJson(config(c))).getAsJsonObject();
            now.remove("device");
            old.remove("device");
            if (!old.equals(now)) {
                throw new IOException(dir + " holds a different experiment (" + old + "); --resume needs the same options (" + now + ")");
            }
            return true;
        }
        if (Files.isDirectory(dir)) {
            try (var s = Files.list(dir)) {
                if (s.findAny().isPresent()) throw new IOException(dir + " is not empty and holds no run; choose an empty or new --out folder");
            }
        }
        return false;
    }

    /** Writes run.json, or, when resuming, checks that the folder holds the same experiment. */
    public static void writeOrCheck(Path dir, ExperimentConfig c, boolean resume) throws IOException {
        if (check(dir, c, resume)) return;
        Path file = dir.resolve("run.json");
        Files.createDirectories(dir);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("config", config(c));
        record.put("environment", environment());
        String text = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(record);
        AtomicFiles.writeString(file, text);
    }
}
