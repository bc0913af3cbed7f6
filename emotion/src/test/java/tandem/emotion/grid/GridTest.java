package tandem.emotion.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A grid runs every cell once, skips finished ones on --resume, and reports what it compared and how. */
class GridTest {
    /** 2 variants x 1 regime x 2 random folds x 1 epoch on a 2-subject corpus of 2-segment clips: seconds, not minutes. */
    public static final String TINY = """
            {"name": "tiny", "baseline": "none",
             "variants": [{"name": "none", "model": "preset=tiny,fusion=none,head=linear"},
                          {"name": "gated", "model": "preset=tiny,fusion=gated,head=linear"},
                          {"name": "absent", "model": "preset=tiny,fusion=no-such-fusion,head=linear", "optional": true}],
             "regimes": ["mixed"], "corpus": {"subjects": 2, "clipsPerSubject": 8, "seconds": 2.4, "size": 32},
             "protocol": "random", "folds": 2, "train": {"epochs": 1, "batch": 4, "select": "last"}}
            """;

    @Test void runsEveryCellOnceReportsAndResumesWithoutRetraining(@TempDir Path dir) throws IOException {
        GridSpec spec = GridSpec.parse(TINY, dir);
        assertEquals(List.of("none", "gated"), spec.runnable().stream().map(GridSpec.Variant::name).toList());
        assertTrue(spec.notes().get(0).contains("absent"), spec.notes().toString());
        Path out = dir.resolve("run");
        GridRun run = GridRun.create(out, spec, false);
        assertEquals(4, run.cells().size());
        GridReport.Summary s = GridRunner.run(run, line -> { });
        assertEquals(5, s.csv().lines().count(), "header and one row per cell:\n" + s.csv());
        assertTrue(s.csv().startsWith("dataset,variant,seed,repeat,fold,accuracy,"), s.csv());
        for (String f : new String[] {"results.csv", "report.md", "report.json", "matrix.png"}) assertTrue(Files.exists(out.resolve(f)), f);
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("| gated | ") && md.contains(GridReport.TEST) && md.contains("Holm over 1") && md.contains("| 2 |"),
                "the comparison names its test, its correction and its 2 paired folds:\n" + md);
        assertTrue(md.contains("left out"), "the optional variant's note is in the report");

        // a resumed grid retrains nothing: results keep their files, the report is the same
        Path result = run.cells().get(0).dir(out).resolve("result.json");
        long written = Files.getLastModifiedTime(result).toMillis();
        GridRun again = GridRun.create(out, GridSpec.parse(TINY, dir), true);
        assertTrue(again.pending().isEmpty());
        GridReport.Summary t = GridRunner.run(again, line -> { });
        assertEquals(s.csv(), t.csv());
        assertEquals(written, Files.getLastModifiedTime(result).toMillis());
    }

    @Test void refusesAnotherGridInTheSameFolderAndBadSpecsByKey(@TempDir Path dir) throws IOException {
        GridRun.create(dir.resolve("run"), GridSpec.parse(TINY, dir), false);
        IOException e = assertThrows(IOException.class, () -> GridRun.create(dir.resolve("run"), GridSpec.parse(TINY, dir), false));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
        GridSpec other = GridSpec.parse(TINY.replace("\"epochs\": 1", "\"epochs\": 2"), dir);
        e = assertThrows(IOException.class, () -> GridRun.create(dir.resolve("run"), other, true));
        assertTrue(e.getMessage().contains("different grid"), e.getMessage());

        assertBad(TINY.replace("\"folds\"", "\"fold\""), "unknown key 'fold'");
        assertBad(TINY.replace("\"baseline\": \"none\"", "\"baseline\": \"msaf\""), "'baseline' must name one of the variants");
        assertBad(TINY.replace("[\"mixed\"]", "[\"loud\"]"), "unknown regime 'loud'");
        assertBad(TINY.replace("[\"mixed\"]", "[\"null\"]"), "must be a multiple of 4");   // 2 clips per class cannot balance
        assertBad(TINY.replace("head=linear\"}", "head=nope\"}"), "unknown head 'nope'");
        assertBad(TINY.replace("\"select\": \"last\"", "\"select\": \"best\""), "--select must be last or best-val");
    }

    @Test void cellIdsRoundTrip() {
        Cell c = new Cell("window-linear", "lag", 7, 1, 3);
        assertEquals("lag/window-linear/seed-7/repeat-2/fold-4", c.id());
        assertEquals(c, Cell.parse(c.id()));
        assertThrows(IllegalArgumentException.class, () -> Cell.parse("lag/window"));
    }

    @Test void theShippedStudySpecParses() throws IOException {
        GridSpec study = GridSpec.parse(new String(GridSpec.class.getResourceAsStream("/tandem/emotion/grid/study.json").readAllBytes()), Path.of("."));
        assertEquals(List.of("null", "appearance", "voice", "lag", "complementary", "mixed"), study.regimes());
        assertEquals("msaf-linear", study.baseline());
        assertTrue(study.runnable().size() >= 10, study.runnable().toString());
    }

    @Test void chanceBandIsTheBinomialInterval() {
        double[] band = GridReport.chanceBand(100, 0.25);
        // R: qbinom(c(0.025, 0.975), 100, 0.25) = 17 34
        assertEquals(0.17, band[0], 1e-12);
        assertEquals(0.34, band[1], 1e-12);
    }

    private static void assertBad(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GridSpec.parse(text, Path.of(".")));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
