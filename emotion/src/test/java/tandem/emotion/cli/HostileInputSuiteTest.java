package tandem.emotion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tandem.emotion.rundir.RunLock;

/**
 * Hostile input through the command line: malformed checkpoints, model specs, manifests, media, options, resume files
 * and output folders, each generated here ({@link HostileCases}). Every case must end with exit code 2 and one error
 * line that names the file or option and the problem; no stack trace, no OutOfMemoryError, within a time limit, and
 * nothing on disk changed (an output folder a refused run would have created is not created either).
 */
class HostileInputSuiteTest {
    static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    static HostileCases cases;
    static int ran;

    @BeforeAll
    static void generate() throws IOException {
        cases = HostileCases.generate(dir);
    }

    @AfterAll
    static void count() {
        System.out.println("[hostile inputs] " + ran + " of " + cases.all().size() + " generated cases refused as they should be");
    }

    @TestFactory
    Stream<DynamicTest> everyCaseIsRefusedInOneLine() {
        List<HostileCases.Case> all = cases.all();
        assertTrue(all.size() >= 100, "generated " + all.size() + " cases");
        return all.stream().map(c -> DynamicTest.dynamicTest(c.category() + ": " + c.name(), () -> check(c)));
    }

    /** Not refused input but a run that blows up: named with its step and learning rate, the fold left unfinished. */
    @org.junit.jupiter.api.Test
    void divergenceIsNamedWithStepAndLearningRate() throws IOException {
        Path out = dir.resolve("diverged");
        CliRun run = CliRun.of("train", "--data", cases.manifest().toString(), "--folds", "2", "--repeats", "1", "--epochs", "2", "--batch", "2",
                "--threads", "1", "--lr", "1e30", "--out", out.toString());
        assertEquals(2, run.exitCode(), run.err());
        List<String> lines = run.errLines();
        assertEquals(1, lines.size(), run.err());
        String line = lines.get(0);
        assertTrue(line.startsWith("tandem train: error: training diverged in repeat 1, fold 1: ") && line.contains("with learning rate")
                && (line.contains("not finite") || line.contains(" is NaN") || line.contains("Infinity")), line);
        assertTrue(line.contains("lower the learning rate (--lr)"), line);
        System.out.println("[divergence] " + line);
        Path fold = out.resolve("repeat-1/fold-1");
        assertFalse(Files.exists(fold.resolve("result.json")), "a diverged fold is not finished");
        assertEquals(line.contains("is kept: "), Files.isRegularFile(fold.resolve("checkpoint.safetensors")), line);
    }

    static void check(HostileCases.Case c) throws Exception {
        Map<String, String> before = snapshot(dir);
        CliRun run = assertTimeoutPreemptively(LIMIT, () -> {
            if (c.locked() == null) return CliRun.of(c.args());
            try (RunLock held = RunLock.acquire(c.locked(), "train")) {
                return CliRun.of(c.args());
            }
        }, c.name() + ": not done within " + LIMIT);
        String what = c.name() + ": " + String.join(" ", c.args()) + "\n" + run.err();
        assertEquals(2, run.exitCode(), what);
        List<String> lines = run.errLines();
        assertEquals(1, lines.size(), "one error line: " + what);
        String line = lines.get(0);
        assertTrue(line.startsWith("tandem " + c.args()[0] + ": error: "), what);
        for (String part : c.expect()) assertTrue(line.contains(part), "'" + part + "' not in: " + line);
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception:") || run.err().contains("OutOfMemoryError"), what);
        assertTrue(line.length() < 2000, "a readable line, not " + line.length() + " characters");
        Map<String, String> after = snapshot(dir);
        if (!before.equals(after)) {
            List<String> changed = new java.util.ArrayList<>();
            for (String k : new java.util.TreeSet<>(union(before.keySet(), after.keySet()))) {
                if (!java.util.Objects.equals(before.get(k), after.get(k))) changed.add(k + ": " + before.get(k) + " -> " + after.get(k));
            }
            throw new AssertionError("files changed by " + what + "\n" + String.join("\n", changed));
        }
        ran++;
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return u;
    }

    /** Size and modification time of every file under {@code root} (lock files aside: a refused run may take and release one). */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                if (p.getFileName().toString().equals(RunLock.FILE)) continue;
                String kind = Files.isDirectory(p) ? "dir" : Files.isRegularFile(p) ? Files.size(p) + "@" + Files.getLastModifiedTime(p) : "other";
                m.put(root.relativize(p).toString(), kind);
            }
        }
        return m;
    }
}
