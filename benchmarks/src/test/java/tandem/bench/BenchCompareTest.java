package tandem.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench compare} on results written here: ratios, the noise rule, the exit codes, bad input. */
class BenchCompareTest {
    record Result(int code, String out, String err) {}

    static Result bench(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = BenchMain.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static final BenchEnvironment ENV = new BenchEnvironment("abc", "17", "VM", "Linux amd64", "CPU", "AVX2+FMA", 256, 8, 2, 0.5, "now");

    /** A row whose repeats lie 1 - spread/2 .. 1 + spread/2 around {@code ms}. */
    static BenchReport.Row row(String op, double ms, double spread) {
        return new BenchReport.Row(op, "fwd", 1, null, ms, ms * (1 - spread / 2), ms * (1 + spread / 2), 11, spread, 10.0, 1.0, 10.0, 0.5, null);
    }

    static BenchReport report(BenchReport.Row... rows) {
        return new BenchReport(BenchReport.FORMAT, ENV, 0.5, List.of(), List.of(), List.of(rows));
    }

    @Test
    void aRowIsSlowerOnlyBeyondTheNoiseItsRepeatsMeasured() {
        BenchReport before = report(row("steady", 10, 0.02), row("noisy", 10, 0.20), row("slowed", 10, 0.02), row("sped-up", 10, 0.02));
        BenchReport after = report(row("steady", 10.3, 0.02), row("noisy", 12, 0.20), row("slowed", 30, 0.02), row("sped-up", 5, 0.02));
        List<BenchCompare.Verdict> v = BenchCompare.compare(before, after, 0.05);
        assertEquals(List.of("same", "same", "SLOWER", "faster"), v.stream().map(BenchCompare.Verdict::call).toList());
        assertEquals(0.05, v.get(0).noise(), 1e-12, "the tolerance is the floor");
        assertEquals(0.40, v.get(1).noise(), 1e-12, "a noisy row's two spreads add up");
        assertEquals(3.0, v.get(2).ratio(), 1e-12);
    }

    @Test
    void theCommandPrintsRatiosAndFailsOnlyWhenAsked(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.json"), b = dir.resolve("b.json");
        Files.writeString(a, report(row("gemm", 10, 0.02), row("gone", 1, 0.01)).toJson());
        Files.writeString(b, report(row("gemm", 25, 0.02), row("new", 1, 0.01)).toJson());

        Result plain = bench("compare", a.toString(), b.toString());
        assertEquals(0, plain.code(), plain.err());
        assertTrue(plain.out().contains("gemm fwd t1") && plain.out().contains("2.500x") && plain.out().contains("SLOWER"), plain.out());
        assertTrue(plain.out().contains("only in old: gone fwd t1") && plain.out().contains("only in new: new fwd t1"), plain.out());
        assertTrue(plain.out().contains("1 of 1 rows slower beyond the noise: gemm fwd t1"), plain.out());

        assertEquals(1, bench("compare", "--fail-on-regression", a.toString(), b.toString()).code());
        Result same = bench("compare", "--fail-on-regression", a.toString(), a.toString());
        assertEquals(0, same.code());
        assertTrue(same.out().contains("no regression beyond the noise in 2 rows"), same.out());
    }

    @Test
    void anOlderRowArrayIsReadWithoutNoise(@TempDir Path dir) throws IOException {
        Path old = dir.resolve("old.json"), now = dir.resolve("new.json");
        Files.writeString(old, "[{\"op\":\"gemm\",\"pass\":\"fwd\",\"threads\":1,\"ms\":10.0,\"gflops\":200.0,\"peak\":0.9}]");
        Files.writeString(now, report(row("gemm", 10.2, 0.01)).toJson());
        Result r = bench("compare", old.toString(), now.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("an older result without environment") && r.out().contains("same"), r.out());
    }

    @Test
    void aMissingOrForeignFileIsOneLine(@TempDir Path dir) throws IOException {
        Path junk = dir.resolve("junk.json");
        Files.writeString(junk, "{\"hello\": 1}");
        for (Path bad : new Path[] {dir.resolve("absent.json"), junk}) {
            Result r = bench("compare", bad.toString(), bad.toString());
            assertEquals(2, r.code(), r.out());
            assertTrue(r.err().startsWith("tandem bench compare: error: " + bad), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(r.err().contains("\tat "), r.err());
        }
    }

    @Test
    void plotDrawsASavedRunOnItsRoofline(@TempDir Path dir) throws IOException {
        Path saved = dir.resolve("run.json"), png = dir.resolve("roof.png");
        BenchReport run = new BenchReport(BenchReport.FORMAT, ENV, 0.5, List.of(new BenchReport.Ceiling(1, null, 100.0, 99.0, 10.0, "fma", "triad")),
                List.of(), List.of(row("gemm", 10, 0.01), row("conv", 3, 0.01)));
        Files.writeString(saved, run.toJson());
        Result r = bench("plot", saved.toString(), png.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(1200, javax.imageio.ImageIO.read(png.toFile()).getWidth());
        Result old = bench("plot", saved.toString(), dir.resolve("roof.jpg").toString());
        assertEquals(2, old.code());
        assertTrue(old.err().contains("does not end in .png"), old.err());
    }

    @Test
    void differentMachinesAreNamed() {
        BenchEnvironment other = new BenchEnvironment("def", "25", "VM", "Linux aarch64", "Neoverse", "NEON", 128, 4, 4, 0.1, "later");
        List<String> d = BenchCompare.environmentDifferences(ENV, other);
        assertTrue(d.stream().anyMatch(s -> s.contains("different CPUs")) && d.stream().anyMatch(s -> s.contains("NEON, 4 lanes")), d.toString());
        assertTrue(BenchCompare.environmentDifferences(ENV, ENV).isEmpty());
    }
}
