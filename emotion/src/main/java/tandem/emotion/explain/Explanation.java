package tandem.emotion.explain;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tandem.autograd.GradMode;
import tandem.emotion.features.Sample;
import tandem.emotion.infer.Predictor;
import tandem.emotion.infer.TrainedModel;
import tandem.tensor.Tensor;

/**
 * One sub-segment run through a trained model with every tap recorded: attention weights, gates, class maps, logits,
 * by their paths in the model ({@code fusion_late.attn_video_to_audio}, {@code video_head.class_maps}, ...).
 *
 * @param probabilities softmax of the logits, one per class
 * @param taps          every tapped value for this one sub-segment (batch axis of size 1 kept)
 */
public record Explanation(TrainedModel trained, Sample sample, double[] probabilities, Map<String, Tensor> taps) {
    public Explanation {
        taps = Collections.unmodifiableMap(new TreeMap<>(taps));
        probabilities = probabilities.clone();
    }

    /** Runs the model in eval mode on {@code sample}, observing every tap. */
    public static Explanation of(TrainedModel trained, Sample sample) {
        Map<String, Tensor> taps = new TreeMap<>();
        trained.model().eval();
        trained.model().observe((path, value) -> taps.put(path, value.data()));
        double[] p;
        try (GradMode off = GradMode.off()) {
            p = Predictor.forward(trained, List.of(sample)).softmax(1).data().toDoubleArray();
        } finally {
            trained.model().clearObservers();
        }
        return new Explanation(trained, sample, p, taps);
    }

    @Override
    public double[] probabilities() { return probabilities.clone(); }

    /** The tap at {@code path}, or null when the model publishes none there. */
    public Tensor tap(String path) { return taps.get(path); }

    public int predictedIndex() {
        int best = 0;
        for (int c = 1; c < probabilities.length; c++) if (probabilities[c] > probabilities[best]) best = c;
        return best;
    }
}
