package tandem.emotion.explain;

import java.nio.file.Path;
import java.util.List;
import tandem.autograd.GradMode;
import tandem.autograd.Var;
import tandem.emotion.train.InputSpec;
import tandem.emotion.train.Sample;
import tandem.tensor.Tensor;

/** Runs a trained model on prepared sub-segments, in eval mode and without recording a graph. */
public final class Predictor {
    /** Sub-segments per forward pass: enough to use the threads, small enough for the largest preset's activations. */
    static final int CHUNK = 8;

    private Predictor() {}

    /** Softmax probabilities per sub-segment: (segments, classes). */
    public static double[][] probabilities(TrainedModel trained, List<Sample> samples) {
        int classes = trained.classes().size();
        double[][] out = new double[samples.size()][];
        trained.model().eval();
        try (GradMode off = GradMode.off()) {
            for (int from = 0; from < samples.size(); from += CHUNK) {
                List<Sample> chunk = samples.subList(from, Math.min(samples.size(), from + CHUNK));
                double[] p = forward(trained, chunk).softmax(1).data().toDoubleArray();   // (b, classes)
                for (int i = 0; i < chunk.size(); i++) out[from + i] = java.util.Arrays.copyOfRange(p, i * classes, (i + 1) * classes);
            }
        }
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

    /** Logits (b, classes) of a batch of samples; taps fire for whatever observes the model. */
    static Var forward(TrainedModel trained, List<Sample> batch) {
        InputSpec in = trained.input();
        float[] video = new float[batch.size() * in.videoLength()], audio = new float[batch.size() * in.audioLength()];
        for (int i = 0; i < batch.size(); i++) {
            System.arraycopy(batch.get(i).video(), 0, video, i * in.videoLength(), in.videoLength());
            System.arraycopy(batch.get(i).audio(), 0, audio, i * in.audioLength(), in.audioLength());
        }
        return trained.model().forward(Var.constant(Tensor.of(video, in.videoShape(batch.size()))),
                Var.constant(Tensor.of(audio, in.audioShape(batch.size()))));
    }
}
