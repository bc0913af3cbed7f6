package tandem.emotion.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tandem.emotion.data.Manifest;
import tandem.emotion.eval.PairedComparison;
import tandem.emotion.model.ModelSpec;
import tandem.emotion.protocol.Folds;
import tandem.emotion.report.RunReport;
import tandem.emotion.report.Tables;
import tandem.emotion.synth.SynthConfig;
import tandem.emotion.train.ExperimentConfig;
import tandem.emotion.train.RunResult;
import tandem.emotion.train.TrainConfig;
import tandem.nn.io.AtomicFiles;

/**
 * The main job: on the embedded synthetic corpus, train the MSAF baseline and the proposed model (windowed
 * cross-attention fusion + class-map head) under a scaled-down version of the paper's protocol, and print the
 * paper's Table 2 and Table 3 side by side.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate the synthetic corpus (if needed), train MSAF and the proposed model under a scaled-down"
                + " protocol, and print Table 2 / Table 3 style results side by side.")
public final class DemoCommand implements Callable<Integer> {
    static final String BASELINE = "preset=tiny,fusion=msaf,head=linear";
    static final String PROPOSED = "preset=tiny,fusion=window,head=classmap";

    @Option(names = "--data", defaultValue = "data/synthetic", description = "corpus folder; generated there if it has no manifest (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--out", description = "run folder (default: runs/demo-<time>)")
    Path out;

    @Option(names = "--folds", defaultValue = "5", description = "k-fold (default: ${DEFAULT-VALUE}, the paper's 80/20)")
    int folds;

    @Option(names = "--repeats", defaultValue = "1", description = "class-balanced redraws (the paper uses 6; default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--epochs", defaultValue = "8", description = "epochs per fold (default: ${DEFAULT-VALUE})")
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
        ModelSpec baseline = ModelSpec.parse(BASELINE), proposed = ModelSpec.parse(PROPOSED);
        System.out.printf("corpus: %d clips; protocol: random %d-fold x %d repeat(s), %d sub-segments per class, %d epochs, seed %d%n",
                manifest.entries().size(), folds, repeats, perClass, epochs, seed.seed);
        Runs.Prepared prepared = Runs.prepare(manifest, baseline);
        System.out.printf("%d sub-segments of 30 frames%n", prepared.samples().size());

        TrainConfig train = new TrainConfig(epochs, 8, 0.002, 0, seed.seed);
        RunResult a = run("MSAF (baseline)", BASELINE, baseline, manifestFile, train, prepared, runs.resolve("msaf"));
        RunResult b = run("Window fusion + class maps", PROPOSED, proposed, manifestFile, train, prepared, runs.resolve("proposed"));

        StringBuilder md = new StringBuilder("# Tandem demo\n\n");
        md.append("Synthetic corpus, random ").append(folds).append("-fold x ").append(repeats).append(" repeat(s), ")
                .append(perClass).append(" sub-segments per class, ").append(epochs).append(" epochs per fold.\n\n");
        md.append("## Table 2: per-class scores\n\n").append(Tables.perClass(a)).append('\n').append(Tables.perClass(b)).append('\n');
        md.append("## Table 3: overall accuracy\n\n").append(Tables.overall(List.of(a, b))).append('\n');
        PairedComparison p = PairedComparison.of(a.foldAccuracies(), b.foldAccuracies(), 1.0 / (folds - 1));
        md.append(Tables.comparison(a, b, p));
        AtomicFiles.writeString(runs.resolve("demo.md"), md.toString());

        System.out.println();
        System.out.println(md.toString().replace("# Tandem demo\n\n", ""));
        System.out.printf("reports: %s (demo.md), %s, %s  [%.0f s]%n", runs.resolve("demo.md"), runs.resolve("msaf/report.md"),
                runs.resolve("proposed/report.md"), (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private RunResult run(String name, String specText, ModelSpec spec, Path manifest, TrainConfig train,
                          Runs.Prepared prepared, Path dir) throws Exception {
        ExperimentConfig cfg = new ExperimentConfig(manifest, specText, Folds.Kind.RANDOM, folds, repeats, perClass, train, "cpu");
        RunResult r = Runs.train(name, cfg, spec, prepared, dir, false);
        RunReport.write(r, dir);
        return r;
    }
}
