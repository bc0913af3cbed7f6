package tandem.emotion.grid;

import java.nio.file.Path;

/**
 * One job of a grid: a variant trained and tested on one fold of one repeat of one dataset with one seed. Its folder,
 * {@code cells/<dataset>/<variant>/seed-<s>/repeat-<r>/fold-<f>}, holds its checkpoints and, once done,
 * {@code result.json}; a cell whose result exists is skipped.
 *
 * @param repeat 0-based
 * @param fold   0-based
 */
public record Cell(String variant, String dataset, long seed, int repeat, int fold) implements java.io.Serializable {
    /** {@code lag/window/seed-1/repeat-1/fold-2}: the cell's folder under {@code cells/}, and its name in messages. */
    public String id() {
        return dataset + "/" + variant + "/seed-" + seed + "/repeat-" + (repeat + 1) + "/fold-" + (fold + 1);
    }

    public Path dir(Path run) {
        return run.resolve("cells").resolve(dataset).resolve(variant).resolve("seed-" + seed)
                .resolve("repeat-" + (repeat + 1)).resolve("fold-" + (fold + 1));
    }

    /** The cell named by {@link #id()}. */
    public static Cell parse(String id) {
        String[] p = id.split("/");
        if (p.length != 5 || !p[2].startsWith("seed-") || !p[3].startsWith("repeat-") || !p[4].startsWith("fold-")) {
            throw new IllegalArgumentException("not a grid cell id: '" + id + "'");
        }
        return new Cell(p[1], p[0], Long.parseLong(p[2].substring(5)), Integer.parseInt(p[3].substring(7)) - 1,
                Integer.parseInt(p[4].substring(5)) - 1);
    }
}
