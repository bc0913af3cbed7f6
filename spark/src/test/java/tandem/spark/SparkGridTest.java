package tandem.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A grid of 2 variants x 2 folds x 1 epoch on Spark's embedded local mode; then the same grid with its driver killed
 * (SIGKILL, a separate JVM) after its first finished cell and run again with --resume: the same results.csv.
 */
class SparkGridTest {
    static final String SPEC = """
            {"name": "spark check", "baseline": "none",
             "variants": [{"name": "none", "model": "preset=tiny,fusion=none,head=linear"},
                          {"name": "gated", "model": "preset=tiny,fusion=gated,head=linear"}],
             "regimes": ["mixed"], "corpus": {"subjects": 2, "clipsPerSubject": 8, "seconds": 2.4, "size": 32},
             "protocol": "random", "folds": 2, "train": {"epochs": 1, "batch": 4, "select": "last"}}
            """;

    @Test void aKilledDriverResumesToTheResultsOfAnUnbrokenRun(@TempDir Path dir) throws Exception {
        Path spec = Files.writeString(dir.resolve("grid.json"), SPEC);
        Path unbroken = dir.resolve("unbroken"), killed = dir.resolve("killed");
        assertEquals(0, SparkGridMain.run("grid", spec.toString(), "--out", unbroken.toString(), "--spark", "local[2]"));
        assertEquals(5, Files.readAllLines(unbroken.resolve("results.csv")).size(), "a header and 4 cells");

        // a driver in its own JVM, one cell at a time, killed as soon as it reports its first finished cell
        Process driver = startDriver(spec, killed);
        boolean sawCell = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("cell done: ")) {
                    driver.destroyForcibly();
                    sawCell = true;
                    break;
                }
            }
        } finally {
            driver.destroyForcibly();
            assertTrue(driver.waitFor(60, TimeUnit.SECONDS), "the killed driver exits");
        }
        assertTrue(sawCell, "the driver finished a cell before it was killed");
        long finished = results(killed), left = 4 - finished;
        assertTrue(finished >= 1 && left >= 1, finished + " of 4 cells finished before the kill: not mid-grid");
        assertTrue(!Files.exists(killed.resolve("results.csv")), "the killed driver wrote no report");

        assertEquals(0, SparkGridMain.run("grid", spec.toString(), "--out", killed.toString(), "--resume", "--spark", "local[2]"));
        assertEquals(4, results(killed));
        assertEquals(Files.readString(unbroken.resolve("results.csv")), Files.readString(killed.resolve("results.csv")));
    }

    @Test void badInputIsOneLineAndExitCodeTwo(@TempDir Path dir) throws IOException {
        assertEquals(2, SparkGridMain.run("grid", dir.resolve("missing.json").toString(), "--out", dir.resolve("run").toString(),
                "--spark", "local[1]"));
        // a split that cannot be carved fails on the driver, before Spark starts a task
        Path spec = Files.writeString(dir.resolve("grid.json"), SPEC.replace("\"select\": \"last\"", "\"select\": \"best-val\"")
                .replace("\"random\"", "\"subject\""));
        assertEquals(2, SparkGridMain.run("grid", spec.toString(), "--out", dir.resolve("run").toString(), "--spark", "local[1]"));
        assertTrue(!Files.exists(dir.resolve("run/cells")), "no cell ran");
    }

    private static long results(Path run) throws IOException {
        if (!Files.isDirectory(run.resolve("cells"))) return 0;
        try (Stream<Path> files = Files.walk(run.resolve("cells"))) {
            return files.filter(f -> f.getFileName().toString().equals("result.json")).count();
        }
    }

    private static Process startDriver(Path spec, Path out) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Xmx2g"));
        cmd.addAll(Arrays.asList(jvmFlags().split("\\s+")));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SparkGridMain.class.getName(),
                "grid", spec.toString(), "--out", out.toString(), "--spark", "local[1]"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }

    /** The --add-opens list Spark needs, as the build filtered it into the module's resources. */
    static String jvmFlags() throws IOException {
        try (InputStream in = SparkGridTest.class.getResourceAsStream("/tandem/spark/jvm-flags.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }
}
