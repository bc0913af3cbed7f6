package tandem.emotion.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.emotion.synth.CorpusGenerator;

/**
 * {@code train} as separate processes, since what is tested lives between JVMs: two runs racing for one folder (an
 * in-process second run would meet the lock's same-JVM check, not the operating system's), and two identical runs
 * writing the same bytes (the iteration order of {@code Map.of} is salted afresh in each JVM, so one JVM cannot show
 * a key order that changes between runs).
 */
class SeparateProcessesTest {
    /** Rounds of the race; each starts both processes within a millisecond of each other. */
    static final int ROUNDS = 4;
    static final long TIMEOUT_S = 120;

    @TempDir
    static Path dir;
    static Path manifest;

    @BeforeAll
    static void corpus() throws IOException {
        Path corpus = dir.resolve("corpus");
        CorpusGenerator.generate(corpus, TrainFromVideoTest.TINY.withClipsPerClass(2));     // every class in both folds
        manifest = corpus.resolve("manifest.csv");
    }

    @Test
    void twoTrainsIntoOneFolderExactlyOneRuns() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Path out = dir.resolve("race-" + round);
            Process a = start(out, 21, "a" + round), b = start(out, 22, "b" + round);
            int codeA = finish(a), codeB = finish(b);
            assertEquals(List.of(0, 2), List.of(Math.min(codeA, codeB), Math.max(codeA, codeB)),
                    "round " + round + ": exit codes " + codeA + " and " + codeB + "\n" + errors("a" + round) + "\n" + errors("b" + round));
            String loser = codeA == 2 ? "a" + round : "b" + round;
            List<String> lines = errorLines(loser);
            assertEquals(1, lines.size(), String.join("\n", lines));
            String line = lines.get(0);
            assertTrue(line.startsWith("tandem train: error: " + out) && (line.contains("is in use by another Tandem run (")
                    || line.contains("already holds a run")), line);
            // the folder holds the winner's run alone: its run.json names the winner's seed
            long seed = JsonParser.parseString(Files.readString(out.resolve("run.json"))).getAsJsonObject()
                    .getAsJsonObject("config").getAsJsonObject("train").get("seed").getAsLong();
            assertEquals(codeA == 0 ? 21 : 22, seed, "round " + round);
            assertTrue(Files.isRegularFile(out.resolve("results.json")));
        }
    }

    @Test
    void twoIdenticalRunsWriteByteIdenticalResults() throws Exception {
        Path first = dir.resolve("same-1"), second = dir.resolve("same-2");
        assertEquals(0, finish(start(first, 5, "same-1")), errors("same-1"));
        assertEquals(0, finish(start(second, 5, "same-2")), errors("same-2"));
        byte[] one = Files.readAllBytes(first.resolve("results.json")), two = Files.readAllBytes(second.resolve("results.json"));
        assertArrayEquals(one, two, "results.json of two identical runs:\n" + new String(one) + "\n---\n" + new String(two));
    }

    static Process start(Path out, long seed, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-Xmx1g", "-XX:+UseSerialGC",
                "-cp", classPath, Main.class.getName(), "train", "--data", manifest.toString(), "--folds", "2", "--repeats", "1",
                "--epochs", "1", "--threads", "1", "--seed", Long.toString(seed), "--out", out.toString()));
        return new ProcessBuilder(cmd).redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile()).start();
    }

    static int finish(Process p) throws InterruptedException {
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("train did not finish within " + TIMEOUT_S + " s");
        }
        return p.exitValue();
    }

    static String errors(String name) throws IOException { return Files.readString(dir.resolve(name + ".err")); }

    /** The error output's lines, without the JVM's warnings about the incubator module. */
    static List<String> errorLines(String name) throws IOException {
        return errors(name).lines().filter(l -> !l.isBlank() && !l.startsWith("WARNING")).toList();
    }
}
