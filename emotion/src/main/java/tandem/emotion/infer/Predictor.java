package tandem.emotion.infer;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import tandem.autograd.GradMode;
import tandem.autograd.Var;
import tandem.emotion.features.Batches;
import tandem.emotion.features.Sample;
import tandem.emotion.model.AudioVisualModel;
import tandem.emotion.model.InputSpec;
import tandem.nn.Module;
import tandem.tensor.Device;
import tandem.tensor.Tensor;
import tandem.tensor.memory.MemoryScope;

/**
 * Runs a model on prepared sub-segments in eval mode, without recording a graph, a batch at a time. Training's
 * per-epoch evaluation, {@code predict} and {@code explain} all go through here.
 */
public final class Predictor {
    /** Sub-segments per forward pass: enough to use the threads, small enough for the largest preset's activations. */
    public static final int BATCH = 8;

    /** Receives the logits (b, classes) of the batch that starts at sample {@code first}; they are freed afterwards. */
    public interface BatchSink {
        void accept(int first, List<Sample> batch, Var logits);
    }

    private Predictor() {}

    /**
     * Runs {@code model} on every sample, {@code batchSize} at a time, each batch inside its own memory scope (its
     * tensors go back to the pool once {@code sink} has read them). Leaves the model in eval mode.
     */
    public static <M extends Module & AudioVisualModel> void forEachBatch(M model, InputSpec input, Device device,
            List<Sample> samples, int batchSize, BatchSink sink) {
        model.eval();
        try (GradMode off = GradMode.off()) {
            for (int from = 0; from < samples.size(); from += batchSize) {
                List<Sample> batch = samples.subList(from, Math.min(samples.size(), from + batchSize));
                try (MemoryScope scope = MemoryScope.open()) {
                    sink.accept(from, batch, forward(model, input, device, batch));
                }
            }
        }
    }

    /** Softmax probabilities per sub-segment: (segments, classes). */
    public static double[][] probabilities(TrainedModel trained, List<Sample> samples) {
        int classes = trained.classes().size();
        double[][] out = new double[samples.size()][];
        forEachBatch(trained.model(), trained.input(), Device.CPU, samples, BATCH, (first, batch, logits) -> {
            double[] p = logits.softmax(1).data().toDoubleArray();   // (b, classes)
            for (int i = 0; i < batch.size(); i++) out[first + i] = Arrays.copyOfRange(p, i * classes, (i + 1) * classes);
        });
        return out;
    }

    /** The clip's prediction: per-class mean of its sub-segments' probabilities. */
    public static ClipPrediction predict(TrainedModel trained, Path video, List<Sample> samples) {
        if (samples.isEmpty()) throw new IllegalArgumentException("clip " + video + ": no sub-segments to predict from");
        double[][] perSegment = probabilities(trained, samples);
        double[] mean = new double[trained.classes().size()];
        for (double[] p : perSegment) for (int c = 0; c < mean.length; c++) mean[c] += p[c] / perSegment.length;
        return new ClipPrediction(video, trained.classes(), mean, perSegment.length);
    }

    /** Logits (b, classes) of one batch, on the host; taps fire for whatever observes the model. */
    public static Var forward(TrainedModel trained, List<Sample> batch) {
        return forward(trained.model(), trained.input(), Device.CPU, batch);
    }

    /** Logits (b, classes) of one batch stacked on {@code device}; records a graph when grad mode is on (training). */
    public static Var forward(AudioVisualModel model, InputSpec input, Device device, List<Sample> batch) {
        return model.forward(onDevice(Batches.video(batch, input), device), onDevice(Batches.audio(batch, input), device));
    }

    /** A modality the samples do not carry stays null: a single-modality model ignores it. */
    private static Var onDevice(Tensor host, Device device) {
        return host == null ? null : Var.constant(host.to(device));
    }
}
