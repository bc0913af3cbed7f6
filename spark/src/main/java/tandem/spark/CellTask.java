package tandem.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tandem.emotion.grid.Cell;
import tandem.emotion.grid.GridRun;
import tandem.emotion.train.Experiment;
import tandem.emotion.train.FoldResult;
import tandem.tensor.Tandem;

/**
 * An executor's side: opens the run folder (once per JVM, so a dataset's features are extracted once per executor)
 * and trains one cell with Tandem. Cells of one JVM run in parallel threads; each draws its own seeds.
 */
final class CellTask {
    private static final Map<String, GridRun> RUNS = new ConcurrentHashMap<>();

    /** A finished cell as sent back to the driver: its id and its result.json. */
    record Done(String cell, String resultJson) implements Serializable {}

    private CellTask() {}

    static Done run(String dir, String id, int threads) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Tandem.setNumThreads(threads);
        GridRun run = RUNS.computeIfAbsent(dir, d -> {
            try {
                return GridRun.open(Path.of(d));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Cell cell = Cell.parse(id);
        long t0 = System.nanoTime();
        FoldResult r = run.runCell(cell, null);
        System.out.printf(Locale.ROOT, "cell done: %s accuracy %.3f (%.0f s)%n", id, r.accuracy(), (System.nanoTime() - t0) / 1e9);
        return new Done(id, Files.readString(cell.dir(run.dir()).resolve(Experiment.RESULT_FILE)));
    }
}
