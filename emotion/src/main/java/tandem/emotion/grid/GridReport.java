package tandem.emotion.grid;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.distribution.BinomialDistribution;
import tandem.emotion.eval.ConfusionMatrix;
import tandem.emotion.eval.Holm;
import tandem.emotion.eval.PairedComparison;
import tandem.emotion.eval.Stats;
import tandem.emotion.report.Plots;
import tandem.emotion.train.FoldResult;
import tandem.emotion.rundir.JsonFiles;
import tandem.nn.io.AtomicFiles;

/**
 * The N-way report of a grid, from the results in its run folder (finished cells only; missing ones are counted):
 * {@code results.csv} (one row per cell, for a notebook), {@code report.md} and {@code report.json} (per dataset and
 * variant: mean ± sd accuracy over the paired folds, macro-F1, parameters, whether the accuracy lies in the binomial 95 %
 * interval of chance; each variant against the baseline: the paired difference, Nadeau and Bengio's corrected
 * resampled t-test, Holm's correction over that dataset's comparisons, and the number of paired folds), and
 * {@code matrix.png} (mean accuracy, variants x datasets).
 */
public final class GridReport {
    public static final String TEST = "corrected resampled t-test (Nadeau & Bengio 2003)";
    public static final String CORRECTION = "Holm";

    private GridReport() {}

    /** One variant on one dataset: its finished cells by (seed, repeat, fold). */
    record Row(String variant, long params, Map<String, FoldResult> cells) {
        double[] accuracies(List<String> keys) { return keys.stream().mapToDouble(k -> cells.get(k).accuracy()).toArray(); }

        Stats accuracy() { return Stats.of(cells.values().stream().mapToDouble(FoldResult::accuracy).toArray()); }

        ConfusionMatrix pooled(List<String> classes) {
            ConfusionMatrix m = new ConfusionMatrix(classes);
            for (FoldResult f : cells.values()) for (int i = 0; i < f.truth().length; i++) m.add(f.truth()[i], f.predicted()[i]);
            return m;
        }
    }

    /** One variant against the baseline on one dataset. */
    record Comparison(String variant, PairedComparison test, double holmP) {}

    /** What the report says, computed once and written three ways. */
    public record Summary(String markdown, String csv, Map<String, Object> json, double[][] matrix, List<String> variants,
                          List<String> datasets) {}

    /** Writes results.csv, report.md, report.json and matrix.png into the run folder; returns the summary. */
    public static Summary write(GridRun run) throws IOException {
        Summary s = summarise(run);
        Path dir = run.dir();
        AtomicFiles.writeString(dir.resolve("results.csv"), s.csv);
        AtomicFiles.writeString(dir.resolve("report.md"), s.markdown);
        AtomicFiles.writeString(dir.resolve("report.json"),
                new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(s.json));
        double[][] shown = new double[s.matrix.length][];
        boolean missing = false;
        for (int v = 0; v < shown.length; v++) {
            shown[v] = s.matrix[v].clone();
            for (int d = 0; d < shown[v].length; d++) if (Double.isNaN(shown[v][d])) { shown[v][d] = 0; missing = true; }
        }
        Plots.heatmap(shown, s.variants, s.datasets, "mean accuracy" + (missing ? " (0: no result yet)" : ""),
                "dataset", "variant", 0, 1, dir.resolve("matrix.png"));
        return s;
    }

    public static Summary summarise(GridRun run) throws IOException {
        GridSpec spec = run.spec();
        Map<String, Long> params = run.parameterCounts();
        List<String> variants = new ArrayList<>(params.keySet()), datasets = spec.datasets();
        StringBuilder csv = new StringBuilder("dataset,variant,seed,repeat,fold,accuracy,macro_f1,test_size,train_size,"
                + "validation_size,selected_epoch,epochs_run,parameters\n");
        Map<String, Map<String, Row>> rows = new LinkedHashMap<>();
        int missing = 0;
        for (Cell c : run.cells()) {
            FoldResult r = run.result(c);
            if (r == null) {
                missing++;
                continue;
            }
            rows.computeIfAbsent(c.dataset(), d -> new LinkedHashMap<>())
                    .computeIfAbsent(c.variant(), v -> new Row(v, params.get(v), new LinkedHashMap<>()))
                    .cells().put(c.seed() + "/" + c.repeat() + "/" + c.fold(), r);
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%d,%.6f,%.6f,%d,%d,%d,%d,%d,%d%n", c.dataset(), c.variant(), c.seed(),
                    c.repeat() + 1, c.fold() + 1, r.accuracy(), ConfusionMatrix.of(run.classes(c.dataset()), r.truth(), r.predicted()).macroF1(),
                    r.truth().length, r.trainSize(), r.validationSize(), r.selectedEpoch(), r.history().size(), params.get(c.variant())));
        }

        StringBuilder md = new StringBuilder("# Grid: " + spec.name() + "\n\n");
        md.append(String.format(Locale.ROOT, "%s %d-fold x %d repeat(s) x %d seed(s); %d epochs at most, model tested: %s%s; baseline: %s.%n",
                spec.protocol().equals("subject") ? "Subject-independent" : "Random", spec.folds(), spec.repeats(), spec.seeds().size(),
                spec.train().epochs(), spec.train().select(), spec.train().select().equals("best-val")
                        ? String.format(Locale.ROOT, " (validation: %.0f %% of each training fold, patience %d)", 100 * spec.train().valFraction(),
                        spec.train().patience()) : "", spec.baseline()));
        if (missing > 0) md.append("\n**Incomplete:** ").append(missing).append(" of ").append(run.cells().size()).append(" cells have no result yet.\n");
        for (String note : spec.notes()) md.append("\nNote: ").append(note).append('\n');
        md.append("\n![mean accuracy](matrix.png)\n");

        double[][] matrix = new double[variants.size()][datasets.size()];
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("spec", spec.name());
        json.put("baseline", spec.baseline());
        json.put("parameters", params);
        json.put("missing_cells", missing);
        Map<String, Object> perDataset = new LinkedHashMap<>();
        for (int d = 0; d < datasets.size(); d++) {
            String dataset = datasets.get(d);
            Map<String, Row> byVariant = rows.getOrDefault(dataset, Map.of());
            md.append("\n## ").append(dataset).append("\n\n");
            if (spec.regimes().contains(dataset)) md.append("Corpus regime `").append(dataset).append("`: ")
                    .append(tandem.emotion.synth.Regime.parse(dataset).cues()).append(".\n\n");
            List<String> classes = run.classes(dataset);
            double chance = 1.0 / classes.size();
            // chance interval: test predictions of one (seed, repeat) pass over the folds
            long perPass = byVariant.values().stream().findFirst().map(r -> r.cells().values().stream().mapToLong(f -> f.truth().length).sum()
                    / Math.max(1, r.cells().size()) * (long) spec.folds()).orElse(0L);
            double[] band = chanceBand(perPass, chance);
            md.append(String.format(Locale.ROOT, "| variant | parameters | accuracy (mean ± sd over folds) | macro-F1 | folds | at chance? |%n"
                    + "|---|---:|---:|---:|---:|---|%n"));
            Map<String, Object> dj = new LinkedHashMap<>();
            for (int v = 0; v < variants.size(); v++) {
                Row row = byVariant.get(variants.get(v));
                matrix[v][d] = row == null ? Double.NaN : row.accuracy().mean();
                if (row == null) {
                    md.append("| ").append(variants.get(v)).append(" | ").append(params.get(variants.get(v))).append(" | (no result) | | 0 | |\n");
                    continue;
                }
                Stats a = row.accuracy();
                boolean atChance = a.mean() >= band[0] && a.mean() <= band[1];
                md.append(String.format(Locale.ROOT, "| %s | %,d | %.3f ± %.3f | %.3f | %d | %s |%n", row.variant(), row.params(), a.mean(), a.std(),
                        row.pooled(classes).macroF1(), a.n(), atChance ? "yes" : a.mean() > band[1] ? "no, above" : "no, below"));
                dj.put(row.variant(), JsonFiles.object("accuracy_mean", a.mean(), "accuracy_sd", a.std(), "folds", a.n(), "macro_f1", row.pooled(classes).macroF1(),
                        "at_chance", atChance));
            }
            md.append(String.format(Locale.ROOT, "%nChance is %.3f; its binomial 95 %% interval for %d test sub-segments per pass is [%.3f, %.3f].%n",
                    chance, perPass, band[0], band[1]));
            List<Comparison> comparisons = compare(byVariant, spec.baseline(), spec.folds());
            if (!comparisons.isEmpty()) {
                md.append(String.format(Locale.ROOT, "%n| vs %s | difference | 95 %% CI | test | p | correction | adjusted p | paired folds |%n"
                        + "|---|---:|---|---|---:|---|---:|---:|%n", spec.baseline()));
                List<Map<String, Object>> cj = new ArrayList<>();
                for (Comparison c : comparisons) {
                    PairedComparison t = c.test();
                    md.append(String.format(Locale.ROOT, "| %s | %+.3f | [%+.3f, %+.3f] | %s | %.3g | %s over %d | %.3g | %d |%n", c.variant(),
                            t.meanDifference(), t.ciLow(), t.ciHigh(), TEST, t.correctedTTestP(), CORRECTION, comparisons.size(), c.holmP(), t.n()));
                    cj.add(Map.of("variant", c.variant(), "difference", t.meanDifference(), "test", TEST, "p", t.correctedTTestP(),
                            "correction", CORRECTION + " over " + comparisons.size(), "adjusted_p", c.holmP(), "paired_folds", t.n()));
                }
                dj.put("comparisons", cj);
            }
            dj.put("chance_interval", band);
            perDataset.put(dataset, dj);
        }
        json.put("datasets", perDataset);
        return new Summary(md.toString(), csv.toString(), json, matrix, variants, datasets);
    }

    /** Every variant with at least two folds paired with the baseline's, tested, then Holm-corrected together. */
    static List<Comparison> compare(Map<String, Row> byVariant, String baseline, int folds) {
        Row base = byVariant.get(baseline);
        if (base == null) return List.of();
        List<String> names = new ArrayList<>();
        List<PairedComparison> tests = new ArrayList<>();
        for (Row r : byVariant.values()) {
            if (r.variant().equals(baseline)) continue;
            List<String> keys = r.cells().keySet().stream().filter(base.cells()::containsKey).sorted().toList();
            if (keys.size() < 2) continue;
            names.add(r.variant());
            tests.add(PairedComparison.of(base.accuracies(keys), r.accuracies(keys), 1.0 / (folds - 1)));
        }
        double[] adjusted = Holm.adjust(tests.stream().mapToDouble(PairedComparison::correctedTTestP).toArray());
        List<Comparison> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) out.add(new Comparison(names.get(i), tests.get(i), adjusted[i]));
        return out;
    }

    /** The accuracies a classifier guessing at {@code chance} reaches with 95 % probability on {@code n} samples. */
    static double[] chanceBand(long n, double chance) {
        if (n <= 0) return new double[] {Double.NaN, Double.NaN};
        BinomialDistribution b = new BinomialDistribution(null, (int) n, chance);
        return new double[] {b.inverseCumulativeProbability(0.025) / (double) n, b.inverseCumulativeProbability(0.975) / (double) n};
    }
}
