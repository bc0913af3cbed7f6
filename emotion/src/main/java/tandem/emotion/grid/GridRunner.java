package tandem.emotion.grid;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import tandem.emotion.train.FoldResult;

/**
 * Runs a grid's pending cells one after another in this process, printing a line per cell with an ETA, then writes
 * the report. Killed at any point and started again with --resume, it skips finished cells and resumes the
 * interrupted one from its last epoch.
 */
public final class GridRunner {
    private GridRunner() {}

    public static GridReport.Summary run(GridRun run, Consumer<String> log) throws IOException {
        run.prepareData(log);
        run.checkSplits();
        for (String note : run.spec().notes()) log.accept("note: " + note);
        List<Cell> all = run.cells(), pending = run.pending();
        log.accept(String.format(Locale.ROOT, "grid %s: %d cells, %d done, %d to run; parameters: %s", run.spec().name(), all.size(),
                all.size() - pending.size(), pending.size(), run.parameterCounts()));
        long t0 = System.nanoTime();
        for (int i = 0; i < pending.size(); i++) {
            Cell c = pending.get(i);
            long start = System.nanoTime();
            FoldResult r = run.runCell(c, null);
            double took = (System.nanoTime() - start) / 1e9, mean = (System.nanoTime() - t0) / 1e9 / (i + 1);
            log.accept(String.format(Locale.ROOT, "[%d/%d] %s: accuracy %.3f (epoch %d of %d tested) %.0f s; about %.0f min left",
                    all.size() - pending.size() + i + 1, all.size(), c.id(), r.accuracy(), r.selectedEpoch(), r.history().size(), took,
                    mean * (pending.size() - i - 1) / 60));
        }
        return GridReport.write(run);
    }
}
