package tandem.emotion.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tandem.emotion.data.Manifest;
import tandem.emotion.eval.Holm;
import tandem.emotion.eval.PairedComparison;
import tandem.emotion.grid.GridReport;
import tandem.emotion.model.EmotionModel;
import tandem.emotion.model.ModelSpec;
import tandem.emotion.protocol.Folds;
import tandem.emotion.report.RunReport;
import tandem.emotion.report.Tables;
import tandem.emotion.synth.Regime;
import tandem.emotion.synth.SynthConfig;
import tandem.emotion.train.ExperimentConfig;
import tandem.emotion.train.RunResult;
import tandem.emotion.train.TrainConfig;
import tandem.nn.Seeds;
import tandem.nn.io.AtomicFiles;

/**
 * The main job: on the embedded synthetic corpus, train the MSAF baseline, the proposed model (windowed cross-attention
 * fusion + class-map head) and the control that tells them apart, the window fusion with MSAF's linear head (the
 * paper's "fusion only" row), under a scaled-down, subject-independent version of the paper's protocol; print the
 * paper's Tables 2 and 3, parameter counts, what the corpus codes, and paired tests over the subject folds.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate the synthetic corpus (if needed), train MSAF, the window fusion with a linear head and the"
                + " proposed model under a scaled-down subject-independent protocol, and print Table 2 / Table 3 style"
                + " results with parameter counts and paired tests.")
public final class DemoCommand implements Callable<Integer> {
    static final String BASELINE = "preset=tiny,fusion=msaf,head=linear";
    static final String FUSION_ONLY = "preset=tiny,fusion=window,head=linear";
    static final String PROPOSED = "preset=tiny,fusion=window,head=classmap";

    @Option(names = "--data", defaultValue = "data/synthetic", description = "corpus folder; generated there if it has no manifest (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--out", description = "run folder (default: runs/demo-<time>)")
    Path out;

    @Option(names = "--folds", defaultValue = "4", description = "k-fold (default: ${DEFAULT-VALUE}: two of the corpus's 8 subjects per fold)")
    int folds;

    @Option(names = "--protocol", defaultValue = "subject",
            description = "subject (no subject in both training and test; default) or random (the paper's, which leaks"
                    + " sub-segments of one recording across the split)")
    String protocol;

    @Option(names = "--repeats", defaultValue = "1", description = "class-balanced redraws (the paper uses 6; default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--epochs", defaultValue = "6", description = "epochs per fold (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--per-class", defaultValue = "48",
            description = "sub-segments drawn per class in each repeat (0: all the balance allows; default: ${DEFAULT-VALUE})")
    int perClass;

    @Mixin
    SeedOption seed;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Path manifestFile = data.resolve("manifest.csv");
        if (!Files.exists(manifestFile)) {
            System.out.println("generating the synthetic corpus in " + data + " ...");
            SynthCommand.generate(data, SynthConfig.defaults().withSeed(seed.seed));
        }
        Manifest manifest = Manifest.read(manifestFile);
        Path runs = out != null ? out : Path.of("runs", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        ModelSpec baseline = ModelSpec.parse(BASELINE);
        System.out.printf("corpus: %d clips; protocol: %s %d-fold x %d repeat(s), %d sub-segments per class, %d epochs, seed %d%n",
                manifest.entries().size(), protocol, folds, repeats, perClass, epochs, seed.seed);
        Folds.Kind kind = TrainCommand.parseProtocol(protocol);
        Runs.Prepared prepared = Runs.prepare(manifest, baseline);
        System.out.printf("%d sub-segments of 30 frames%n", prepared.samples().size());

        TrainConfig train = new TrainConfig(epochs, 8, 0.002, 0, seed.seed);
        List<String> specs = List.of(BASELINE, FUSION_ONLY, PROPOSED);
        List<String> names = List.of("MSAF + linear head (baseline)", "Window fusion + linear head (fusion only)",
                "Window fusion + class maps (proposed)");
        List<String> dirs = List.of("msaf", "fusion-only", "proposed");
        List<RunResult> runs3 = new ArrayList<>();
        for (int i = 0; i < 3; i++) runs3.add(run(names.get(i), specs.get(i), ModelSpec.parse(specs.get(i)), manifestFile, train, kind, prepared, runs.resolve(dirs.get(i))));

        StringBuilder md = new StringBuilder("# Tandem demo\n\n");
        md.append("Synthetic corpus (").append(manifest.entries().size()).append(" clips of 8 children): ")
                .append(Regime.MIXED.cues()).append(". ").append(kind == Folds.Kind.SUBJECT ? "Subject-independent " : "Random ")
                .append(folds).append("-fold x ").append(repeats).append(" repeat(s), ").append(perClass)
                .append(" sub-segments per class, ").append(epochs).append(" epochs per fold, last epoch tested.\n\n");
        md.append("## Table 2: per-class scores\n\n");
        for (RunResult r : runs3) md.append(Tables.perClass(r)).append('\n');
        md.append("## Table 3: overall accuracy\n\n").append(Tables.overall(runs3)).append('\n');
        md.append(controls(runs3, specs)).append('\n');
        md.append(comparisons(runs3));
        AtomicFiles.writeString(runs.resolve("demo.md"), md.toString());

        System.out.println();
        System.out.println(md.toString().replace("# Tandem demo\n\n", ""));
        System.out.printf("reports: %s (demo.md), and report.md in %s, %s, %s  [%.0f s]%n", runs.resolve("demo.md"),
                runs.resolve("msaf"), runs.resolve("fusion-only"), runs.resolve("proposed"), (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    /** What changes between the rows: parameters, and how far each fits its training data. */
    static String controls(List<RunResult> runs, List<String> specs) {
        StringBuilder sb = new StringBuilder("| Model | Parameters | Train accuracy (last epoch) | Test accuracy |\n|---|---:|---:|---:|\n");
        for (int i = 0; i < runs.size(); i++) {
            RunResult r = runs.get(i);
            Seeds.set(0);
            long params = new EmotionModel(ModelSpec.parse(specs.get(i))).parameterCount();
            double trainAcc = r.folds().stream().mapToDouble(f -> f.history().get(f.history().size() - 1).trainAccuracy()).average().orElse(Double.NaN);
            sb.append(String.format(Locale.ROOT, "| %s | %,d | %.3f | %.3f |%n", r.name(), params, trainAcc, r.accuracy().mean()));
        }
        return sb.append("\nMSAF and the proposed model differ in fusion, head and size at once; the fusion-only row changes"
                + " the fusion alone. In this budget the models fit their training data to different degrees; ./tandem study"
                + " gives every variant a validation-chosen epoch (see docs/study.md).\n").toString();
    }

    /** Fusion only vs MSAF, proposed vs fusion only, proposed vs MSAF: paired over folds, Holm-corrected together. */
    static String comparisons(List<RunResult> r) {
        int[][] pairs = {{0, 1}, {1, 2}, {0, 2}};
        String[] what = {"the window fusion itself (same head)", "the class-map head (same fusion)", "both changes together"};
        PairedComparison[] tests = new PairedComparison[3];
        int k = r.get(0).folds().size() / Math.max(1, r.get(0).accuracy().n());
        for (int i = 0; i < 3; i++) tests[i] = PairedComparison.of(r.get(pairs[i][0]).foldAccuracies(), r.get(pairs[i][1]).foldAccuracies(), 1.0 / (k - 1));
        double[] holm = Holm.adjust(java.util.Arrays.stream(tests).mapToDouble(PairedComparison::correctedTTestP).toArray());
        StringBuilder sb = new StringBuilder("Paired over the folds: ").append(GridReport.TEST).append(", Holm correction over 3 comparisons.\n\n");
        for (int i = 0; i < 3; i++) {
            PairedComparison p = tests[i];
            sb.append(String.format(Locale.ROOT, "- %s: %s − %s = %+.3f accuracy (95%% CI %+.3f … %+.3f), p = %.3g, Holm-adjusted p = %.3g, %d paired folds%n",
                    what[i], shortName(r.get(pairs[i][1])), shortName(r.get(pairs[i][0])), p.meanDifference(), p.ciLow(), p.ciHigh(),
                    p.correctedTTestP(), holm[i], p.n()));
        }
        return sb.toString();
    }

    private static String shortName(RunResult r) { return r.name().replaceAll(" \\(.*\\)$", ""); }

    private RunResult run(String name, String specText, ModelSpec spec, Path manifest, TrainConfig train, Folds.Kind kind,
                          Runs.Prepared prepared, Path dir) throws Exception {
        ExperimentConfig cfg = new ExperimentConfig(manifest, specText, kind, folds, repeats, perClass, train, "cpu");
        RunResult r = Runs.train(name, cfg, spec, prepared, dir, false);
        RunReport.write(r, dir);
        return r;
    }
}
