package tandem.emotion.features;

import java.util.List;
import java.util.function.Function;
import tandem.emotion.features.Sample;
import tandem.emotion.model.InputSpec;
import tandem.tensor.Tensor;

/**
 * Stacks samples into batch tensors: video (B, 3, T, H, W) and audio (B, mfcc, L). A modality that no sample of the
 * batch carries (prediction for a single-modality model reads only its own) stacks to null.
 */
public final class Batches {
    private Batches() {}

    public static Tensor video(List<Sample> batch, InputSpec spec) {
        return stack(batch, Sample::video, spec.videoLength(), spec.videoShape(batch.size()), "video");
    }

    public static Tensor audio(List<Sample> batch, InputSpec spec) {
        return stack(batch, Sample::audio, spec.audioLength(), spec.audioShape(batch.size()), "audio");
    }

    private static Tensor stack(List<Sample> batch, Function<Sample, float[]> part, int n, int[] shape, String what) {
        long present = batch.stream().filter(s -> part.apply(s) != null).count();
        if (present == 0) return null;
        if (present < batch.size()) {
            throw new IllegalArgumentException("batch of " + batch.size() + " samples: only " + present + " carry " + what + " features");
        }
        float[] data = new float[batch.size() * n];
        for (int i = 0; i < batch.size(); i++) System.arraycopy(part.apply(batch.get(i)), 0, data, i * n, n);
        return Tensor.of(data, shape);
    }

    public static int[] labels(List<Sample> batch) {
        return batch.stream().mapToInt(Sample::label).toArray();
    }
}
