package tandem.emotion.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tandem.emotion.data.LabelSet;
import tandem.emotion.data.Manifest;
import tandem.emotion.model.Modality;
import tandem.emotion.model.ModelSpec;
import tandem.emotion.model.ModelSpecLimits;
import tandem.emotion.protocol.Folds;
import tandem.emotion.report.RunReport;
import tandem.emotion.report.Tables;
import tandem.emotion.rundir.RunLock;
import tandem.emotion.train.Experiment;
import tandem.emotion.train.ExperimentConfig;
import tandem.emotion.train.FoldStart;
import tandem.emotion.train.RunRecord;
import tandem.emotion.train.RunResult;
import tandem.emotion.train.TrainConfig;
import tandem.tensor.Device;

/** Trains and evaluates one model under the seed paper's protocol. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train and evaluate a model under the paper's protocol: 30-frame sub-segments, class-balanced draws,"
                + " k-fold, repeated; writes checkpoints, run.json, report.md, results.json and plots to --out.")
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "MANIFEST", description = "manifest CSV (clip,video,audio,label,subject,start,end)")
    Path data;

    static final String DEFAULT_MODEL = "preset=tiny,fusion=window,head=classmap";

    @Option(names = "--model", paramLabel = "SPEC", description = "model spec, e.g. preset=tiny,fusion=msaf,head=linear (default: "
            + DEFAULT_MODEL + "; with --init, the checkpoint's); classes= is taken from the data")
    String model;

    @Option(names = "--classes", paramLabel = "A,B,C", description = "the classes, in logit order; clips of other labels are dropped"
            + " (default: every label of the manifest, sorted)")
    String classes;

    @Option(names = "--modality", paramLabel = "BRANCH", description = "video or audio: train that branch of --model alone (no fusion),"
            + " to pre-train it for --init-video / --init-audio")
    String modality;

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
    InitOptions init;

    @Mixin
    ProfileOption profile;

    @Mixin
    VerboseOption verbose;

    /**
     * Everything is checked before {@code --out} is touched: options, the manifest and its classes, the model spec and
     * its memory, the folder. Then the folder's lock is taken, and only then is anything read from or written to it.
     */
    @Override
    public Integer call() throws Exception {
        init.validate();
        TrainConfig train = new TrainConfig(epochs, batch, lr, weightDecay, seed.seed);
        if (TrainConfig.Selection.parse(select) == TrainConfig.Selection.BEST_VAL) train = train.withBestVal(valFraction, patience);
        Runs.requireDevice(device);
        Runs.setThreads(threads);
        Manifest manifest = Manifest.read(data);
        LabelSet labels = classes == null ? manifest.labels() : LabelSet.parse(classes);
        if (classes != null) manifest = select(manifest, labels);
        if (labels.size() < 2) {
            throw new IllegalArgumentException(data + ": a classifier needs at least two classes, the data has one (" + labels + ")");
        }
        ModelSpec spec = modelSpec(labels);
        ModelSpecLimits.requireMemory(spec, batch, true, "--model " + model);
        ExperimentConfig cfg = new ExperimentConfig(data, spec.toString(), parseProtocol(protocol), folds, repeats, perClass, train, device);
        RunRecord.check(out, cfg, resume);                   // a conflicting --out fails before any work
        FoldStart checkpointStart = init.checkpointStart(spec, labels.names());
        System.out.println("classes: " + String.join(", ", labels.names()) + " (" + labels.size() + "); model: " + spec);
        RunResult result;
        try (RunLock lock = Runs.lock(out, "train")) {
            RunRecord.check(out, cfg, resume);               // again, now that no other run can change the folder
            if (resume) Experiment.checkRunFolder(out, cfg, labels.names());
            Runs.Prepared prepared = Runs.prepare(manifest, labels, spec);
            FoldStart start = init.fromBranches() ? init.branchStart(spec, cfg, prepared.samples(), labels.names()) : checkpointStart;
            PrintWriter console = new PrintWriter(System.out, true);
            result = profile.run(out.resolve("profile"), Device.parse(device), console,
                    () -> Runs.train(Runs.label(spec), cfg, spec, prepared, start, out, resume));
            RunReport.write(result, out);
        }
        System.out.println();
        System.out.println(Tables.perClass(result));
        System.out.println(Tables.overall(List.of(result)));
        System.out.println("report: " + out.resolve("report.md"));
        return 0;
    }

    /** The clips of the chosen classes; says how many of other labels were dropped. */
    private static Manifest select(Manifest manifest, LabelSet labels) throws IOException {
        Manifest.Selection chosen = manifest.select(labels);
        if (chosen.droppedClips() > 0) {
            StringBuilder sb = new StringBuilder();
            chosen.dropped().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> sb.append(sb.length() > 0 ? ", " : "").append(e.getKey()).append(": ").append(e.getValue()));
            System.out.println("--classes: dropped " + chosen.droppedClips() + " clip(s) of other labels (" + sb + ")");
        }
        return chosen.manifest();
    }

    /**
     * --model (or, with --init and no --model, the checkpoint's spec) for the run's classes; with --modality, its branch
     * alone. A spec that names a different class count is an error.
     */
    private ModelSpec modelSpec(LabelSet labels) throws IOException {
        String text = model != null ? model : init.checkpointSpec().orElse(DEFAULT_MODEL);
        ModelSpec spec = ModelSpec.parse(text);
        if (model != null && ModelSpec.keysIn(text).contains("classes") && spec.classes() != labels.size()) {
            throw new IllegalArgumentException("--model has classes=" + spec.classes() + " but the run has " + labels.size() + " classes ("
                    + String.join(", ", labels.names()) + "); leave classes= out to take them from the data");
        }
        spec = spec.withClasses(labels.size());
        if (modality != null) {
            Modality m = Modality.parse(modality);
            if (m != Modality.BOTH) spec = spec.unimodal(m);
        }
        return spec;
    }

    static Folds.Kind parseProtocol(String p) {
        return switch (p) {
            case "random" -> Folds.Kind.RANDOM;
            case "subject" -> Folds.Kind.SUBJECT;
            default -> throw new IllegalArgumentException("--protocol must be random or subject, got '" + p + "'");
        };
    }
}
