package tandem.emotion.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tandem.emotion.data.Manifest;
import tandem.emotion.model.ModelSpec;
import tandem.emotion.model.ModelSpecLimits;
import tandem.emotion.protocol.Folds;
import tandem.emotion.report.RunReport;
import tandem.emotion.report.Tables;
import tandem.emotion.rundir.RunLock;
import tandem.emotion.train.Experiment;
import tandem.emotion.train.ExperimentConfig;
import tandem.emotion.train.RunRecord;
import tandem.emotion.train.RunResult;
import tandem.emotion.train.TrainConfig;

/** Trains and evaluates one model under the seed paper's protocol. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train and evaluate a model under the paper's protocol: 30-frame sub-segments, class-balanced draws,"
                + " k-fold, repeated; writes checkpoints, run.json, report.md, results.json and plots to --out.")
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "MANIFEST", description = "manifest CSV (clip,video,audio,label,subject,start,end)")
    Path data;

    @Option(names = "--model", defaultValue = "preset=tiny,fusion=window,head=classmap", paramLabel = "SPEC",
            description = "model spec, e.g. preset=tiny,fusion=msaf,head=linear (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--protocol", defaultValue = "random", description = "random (the paper's) or subject (no subject in both train and test); default: ${DEFAULT-VALUE}")
    String protocol;

    @Option(names = "--folds", defaultValue = "5", description = "k of k-fold; 5 gives the paper's 80/20 (default: ${DEFAULT-VALUE})")
    int folds;

    @Option(names = "--repeats", defaultValue = "6", description = "class-balanced redraws of sub-segments, averaged (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--epochs", defaultValue = "10", description = "epochs per fold (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch", defaultValue = "8", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "0.002", description = "Adam learning rate, cosine-decayed (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--weight-decay", defaultValue = "0", description = "AdamW weight decay (default: ${DEFAULT-VALUE})")
    double weightDecay;

    @Option(names = "--per-class", defaultValue = "0", description = "at most this many sub-segments per class per repeat (0: all the balance allows)")
    int perClass;

    @Option(names = "--select", defaultValue = "last", paramLabel = "last|best-val",
            description = "which epoch's model is tested: last (the paper's protocol) or best-val (best accuracy on a validation"
                    + " split carved from the training fold, never the test fold; with early stopping) (default: ${DEFAULT-VALUE})")
    String select;

    @Option(names = "--val-fraction", defaultValue = "0.2", description = "with --select best-val: share of the training fold"
            + " held out for validation, split like the protocol (by subject for --protocol subject) (default: ${DEFAULT-VALUE})")
    double valFraction;

    @Option(names = "--patience", defaultValue = "3", description = "with --select best-val: stop after this many epochs without"
            + " a better validation score; 0 trains every epoch (default: ${DEFAULT-VALUE})")
    int patience;

    @Mixin
    SeedOption seed;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, opencl[:N] or cuda[:N] (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--threads", description = "CPU threads for the kernels (default: all cores); a run resumes only with the"
            + " count it started with, as results depend on it in their last bits")
    Integer threads;

    @Option(names = "--out", required = true, paramLabel = "RUN_DIR", description = "run folder (new or empty; or an interrupted run with --resume)")
    Path out;

    @Option(names = "--resume", description = "continue an interrupted run in --out: finished folds are kept, unfinished ones resume from their checkpoints")
    boolean resume;

    @Mixin
    VerboseOption verbose;

    /**
     * Everything is checked before {@code --out} is touched: options, the model spec and its memory, the folder, the
     * manifest. Then the folder's lock is taken, and only then is anything read from or written to it.
     */
    @Override
    public Integer call() throws Exception {
        TrainConfig train = new TrainConfig(epochs, batch, lr, weightDecay, seed.seed);
        if (TrainConfig.Selection.parse(select) == TrainConfig.Selection.BEST_VAL) train = train.withBestVal(valFraction, patience);
        ExperimentConfig cfg = new ExperimentConfig(data, model, parseProtocol(protocol), folds, repeats, perClass, train, device);
        Runs.requireDevice(device);
        Runs.setThreads(threads);
        ModelSpec spec = ModelSpec.parse(model);
        ModelSpecLimits.requireMemory(spec, batch, true, "--model " + model);
        RunRecord.check(out, cfg, resume);                   // a conflicting --out fails before any work
        Manifest manifest = Manifest.read(data);
        RunResult result;
        try (RunLock lock = Runs.lock(out, "train")) {
            RunRecord.check(out, cfg, resume);               // again, now that no other run can change the folder
            if (resume) Experiment.checkRunFolder(out, cfg, Runs.classes());
            Runs.Prepared prepared = Runs.prepare(manifest, spec);
            result = Runs.train(Runs.label(spec), cfg, spec, prepared, out, resume);
            RunReport.write(result, out);
        }
        System.out.println();
        System.out.println(Tables.perClass(result));
        System.out.println(Tables.overall(List.of(result)));
        System.out.println("report: " + out.resolve("report.md"));
        return 0;
    }

    static Folds.Kind parseProtocol(String p) {
        return switch (p) {
            case "random" -> Folds.Kind.RANDOM;
            case "subject" -> Folds.Kind.SUBJECT;
            default -> throw new IllegalArgumentException("--protocol must be random or subject, got '" + p + "'");
        };
    }
}
