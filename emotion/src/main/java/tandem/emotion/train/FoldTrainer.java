package tandem.emotion.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tandem.autograd.Var;
import tandem.emotion.features.Batches;
import tandem.emotion.features.Sample;
import tandem.emotion.infer.EpochStats;
import tandem.emotion.infer.Predictor;
import tandem.emotion.infer.RunCheckpoint;
import tandem.emotion.model.AudioVisualModel;
import tandem.emotion.model.InputSpec;
import tandem.nn.Module;
import tandem.nn.Seeds;
import tandem.nn.TrainStep;
import tandem.nn.loss.CrossEntropyLoss;
import tandem.nn.optim.Adam;
import tandem.nn.optim.LrSchedule;
import tandem.tensor.CounterRng;
import tandem.tensor.Device;
import tandem.tensor.Tensor;

/**
 * Trains and evaluates one fold. Everything random (initialisation, shuffling, dropout) is drawn from seeds derived
 * from (seed, repeat, fold, epoch), and a checkpoint (model, optimizer, history) is written atomically after every
 * epoch, so a run killed at any point and resumed ends with exactly the result of an unbroken run.
 */
public final class FoldTrainer<M extends Module & AudioVisualModel> {
    /** Progress callback: called after every batch and every epoch. */
    public interface Listener {
        void batch(int epoch, int batchIndex, int batches, double loss, double accuracy);

        void epoch(EpochStats stats);
    }

    private final Supplier<M> factory;
    private final FoldStart start;
    private final InputSpec input;
    private final TrainConfig config;
    private final Device device;
    private final Map<String, String> describe;

    /**
     * @param describe metadata stored in every checkpoint so it can be used on its own later
     *                 ({@link RunCheckpoint#describe}: the model spec and the class names)
     */
    public FoldTrainer(Supplier<M> factory, InputSpec input, TrainConfig config, Device device, Map<String, String> describe) {
        this(factory, FoldStart.SCRATCH, input, config, device, describe);
    }

    /** @param start gives each fold's fresh model its starting weights (not applied when a fold resumes) */
    public FoldTrainer(Supplier<M> factory, FoldStart start, InputSpec input, TrainConfig config, Device device, Map<String, String> describe) {
        this.describe = Collections.unmodifiableMap(new LinkedHashMap<>(describe));   // keeps the metadata order stable
        this.factory = factory;
        this.start = start;
        this.input = input;
        this.config = config;
        this.device = device;
    }

    static long seedFor(long seed, int repeat, int fold, int epoch) {
        return CounterRng.mix(CounterRng.mix(CounterRng.mix(seed) + repeat) * 31 + fold) * 131 + epoch;
    }

    /** Trains on {@code train}, tests on {@code test}; resumes from {@code checkpoint} if it exists. */
    public FoldResult run(int repeat, int fold, List<Sample> train, List<Sample> test, Path checkpoint, Listener listener)
            throws IOException {
        return run(repeat, fold, train, List.of(), test, checkpoint, listener);
    }

    /**
     * As {@link #run(int, int, List, List, Path, Listener)}; with a non-empty {@code validation} split (carved from the
     * training fold) the model of the best validation epoch is tested, kept in {@code best.safetensors} beside the
     * checkpoint, and training stops after {@link TrainConfig#patience()} epochs without improvement.
     */
    public FoldResult run(int repeat, int fold, List<Sample> train, List<Sample> validation, List<Sample> test, Path checkpoint,
                          Listener listener) throws IOException {
        boolean select = !validation.isEmpty();
        Path best = checkpoint.resolveSibling(Experiment.BEST_FILE);
        M model = startingModel(repeat, fold, Files.exists(checkpoint));
        model.to(device);
        Adam opt = new Adam(model.parameters(), config.lr(), 0.9, 0.999, 1e-8, config.weightDecay(), config.weightDecay() > 0);
        LrSchedule schedule = LrSchedule.cosine(config.lr(), config.lr() * 0.05, config.epochs(), 0);
        List<EpochStats> history = new ArrayList<>();
        int startEpoch = 0;
        if (Files.exists(checkpoint)) {
            history.addAll(RunCheckpoint.resume(checkpoint, model, opt, config.epochs()));
            startEpoch = history.size();
        }
        for (int epoch = startEpoch; epoch < config.epochs() && !(select && patienceSpent(history, config.patience())); epoch++) {
            long t0 = System.nanoTime();
            opt.setLr(schedule.lr(epoch));
            Seeds.set(seedFor(config.seed(), repeat, fold, epoch));
            double[] trainStats;
            Evaluation val, ev;
            try {
                trainStats = trainEpoch(model, opt, train, epoch, seedFor(config.seed(), repeat, fold, epoch), listener);
                val = select ? evaluate(model, validation) : null;
                ev = evaluate(model, test);
                if (!Double.isFinite(ev.loss) || (val != null && !Double.isFinite(val.loss))) {
                    throw new Divergence("after epoch " + (epoch + 1) + " (step " + opt.steps() + ") with learning rate " + opt.lr()
                            + " the model's " + (val != null && !Double.isFinite(val.loss) ? "validation" : "test") + " loss is not finite");
                }
            } catch (Divergence d) {
                throw d.in(repeat, fold, history.isEmpty() ? null : checkpoint, history.size());
            }
            EpochStats s = new EpochStats(epoch + 1, trainStats[0], trainStats[1], ev.loss, ev.accuracy(),
                    (System.nanoTime() - t0) / 1e9, select ? val.loss : Double.NaN, select ? val.accuracy() : Double.NaN);
            history.add(s);
            // the best model first: a kill between the two writes replays this epoch, never loses the best
            if (select && bestEpoch(history) == s.epoch()) RunCheckpoint.save(best, model, null, describe, history);
            RunCheckpoint.save(checkpoint, model, opt, describe, history);
            if (listener != null) listener.epoch(s);
        }
        int selected = history.size();
        if (select) {
            selected = bestEpoch(history);
            RunCheckpoint.restoreModel(best, model);
        }
        Evaluation ev = evaluate(model, test);
        return new FoldResult(repeat, fold, ev.truth, ev.predicted, ev.probabilities, history, train.size(), selected,
                validation.size());
    }

    /** The epoch (1-based) with the best validation accuracy; ties go to the lower validation loss, then the earlier. */
    static int bestEpoch(List<EpochStats> history) {
        EpochStats best = null;
        for (EpochStats s : history) {
            if (best == null || s.valAccuracy() > best.valAccuracy()
                    || (s.valAccuracy() == best.valAccuracy() && s.valLoss() < best.valLoss())) best = s;
        }
        return best == null ? 0 : best.epoch();
    }

    /** True once {@code patience} (> 0) epochs have passed without a better validation score. */
    static boolean patienceSpent(List<EpochStats> history, int patience) {
        return patience > 0 && !history.isEmpty() && history.size() - bestEpoch(history) >= patience;
    }

    /** The fold's fresh model, seeded by (seed, repeat, fold), with its starting weights unless it is about to resume. */
    M startingModel(int repeat, int fold, boolean resuming) throws IOException {
        Seeds.set(seedFor(config.seed(), repeat, fold, -1));
        M model = factory.get();
        if (!resuming) start.apply(model, repeat, fold);
        return model;
    }

    private double[] trainEpoch(M model, Adam opt, List<Sample> train, int epoch, long seed, Listener listener) {
        model.train(true);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) order.add(i);
        order.sort(Comparator.comparingLong(i -> CounterRng.bits(seed, i)));
        int batches = (train.size() + config.batchSize() - 1) / config.batchSize();
        double lossSum = 0;
        int correct = 0, seen = 0;
        for (int b = 0; b < batches; b++) {
            List<Sample> batch = new ArrayList<>();
            for (int i = b * config.batchSize(); i < Math.min(train.size(), (b + 1) * config.batchSize()); i++) batch.add(train.get(order.get(i)));
            if (batch.size() < 2 && batches > 1) continue;      // batch norm needs more than one sample
            int[] labels = Batches.labels(batch);
            int[] correctInBatch = new int[1];
            // one step inside a memory scope: every activation and temporary goes back to the buffer pool at its end
            String where = "at step " + (opt.steps() + 1) + " (epoch " + (epoch + 1) + ", batch " + (b + 1) + " of " + batches
                    + ") with learning rate " + opt.lr();
            double l = TrainStep.run(opt, scope -> {
                Var logits = Predictor.forward(model, input, device, batch);
                correctInBatch[0] = countCorrect(logits.data(), labels);
                Var loss = CrossEntropyLoss.apply(logits, labels);
                double value = loss.item();
                if (!Double.isFinite(value)) throw new Divergence(where + " the loss is " + value);
                return loss;
            }, false, () -> requireFiniteGradients(model, where));
            int ok = correctInBatch[0];
            lossSum += l * batch.size();
            correct += ok;
            seen += batch.size();
            if (listener != null) listener.batch(epoch, b, batches, l, (double) ok / batch.size());
        }
        return new double[] {lossSum / Math.max(1, seen), (double) correct / Math.max(1, seen)};
    }

    /** Checked after the backward pass, before the update: a non-finite gradient would turn every weight it reaches into NaN. */
    private static void requireFiniteGradients(Module model, String where) {
        for (var e : model.namedParameters().entrySet()) {
            Var p = e.getValue();
            if (p.grad() == null) continue;
            for (float g : p.grad().toFloatArray()) {
                if (!Float.isFinite(g)) throw new Divergence(where + " the gradient of '" + e.getKey() + "' holds " + g);
            }
        }
    }

    /**
     * Training that ran off to infinity or NaN. The fold stops where it noticed; the checkpoint of the last finished
     * epoch, written before the trouble, is left as it was.
     */
    public static final class Divergence extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        Divergence(String message) { super(message); }

        Divergence in(int repeat, int fold, Path lastGood, int epochsDone) {
            String kept = lastGood == null ? "no epoch finished, so there is no checkpoint to keep"
                    : "the last good checkpoint (epoch " + epochsDone + ") is kept: " + lastGood;
            return new Divergence("training diverged in repeat " + (repeat + 1) + ", fold " + (fold + 1) + ": " + getMessage()
                    + "; " + kept + "; lower the learning rate (--lr)");
        }
    }

    private static int countCorrect(Tensor logits, int[] labels) {
        float[] v = logits.toFloatArray();
        int c = logits.size(1), ok = 0;
        for (int i = 0; i < labels.length; i++) if (argmax(v, i * c, c) == labels[i]) ok++;
        return ok;
    }

    static int argmax(float[] v, int offset, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) if (v[offset + j] > v[offset + best]) best = j;
        return best;
    }

    record Evaluation(int[] truth, int[] predicted, double[][] probabilities, double loss) {
        double accuracy() {
            int ok = 0;
            for (int i = 0; i < truth.length; i++) if (truth[i] == predicted[i]) ok++;
            return truth.length == 0 ? Double.NaN : (double) ok / truth.length;
        }
    }

    /** Eval-mode predictions and mean loss over {@code samples}, through the same predictor as {@code predict}. */
    Evaluation evaluate(M model, List<Sample> samples) {
        int n = samples.size();
        int[] truth = new int[n], predicted = new int[n];
        double[][] probs = new double[n][];
        double[] lossSum = {0};
        Predictor.forEachBatch(model, input, device, samples, config.batchSize(), (first, batch, logits) -> {
            int[] labels = Batches.labels(batch);
            float[] p = logits.softmax(1).data().toFloatArray();
            int c = logits.size(1);
            for (int i = 0; i < batch.size(); i++) {
                truth[first + i] = labels[i];
                predicted[first + i] = argmax(p, i * c, c);
                probs[first + i] = new double[c];
                for (int j = 0; j < c; j++) probs[first + i][j] = p[i * c + j];
            }
            lossSum[0] += CrossEntropyLoss.apply(logits, labels).item() * batch.size();
        });
        model.train(true);
        return new Evaluation(truth, predicted, probs, lossSum[0] / Math.max(1, n));
    }
}
