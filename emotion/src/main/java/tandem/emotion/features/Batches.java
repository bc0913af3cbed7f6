package tandem.emotion.features;

import java.util.List;
import tandem.emotion.features.Sample;
import tandem.emotion.model.InputSpec;
import tandem.tensor.Tensor;

/** Stacks samples into batch tensors: video (B, 3, T, H, W) and audio (B, mfcc, L). */
public final class Batches {
    private Batches() {}

    public static Tensor video(List<Sample> batch, InputSpec spec) {
        int n = spec.videoLength();
        float[] data = new float[batch.size() * n];
        for (int i = 0; i < batch.size(); i++) System.arraycopy(batch.get(i).video(), 0, data, i * n, n);
        return Tensor.of(data, spec.videoShape(batch.size()));
    }

    public static Tensor audio(List<Sample> batch, InputSpec spec) {
        int n = spec.audioLength();
        float[] data = new float[batch.size() * n];
        for (int i = 0; i < batch.size(); i++) System.arraycopy(batch.get(i).audio(), 0, data, i * n, n);
        return Tensor.of(data, spec.audioShape(batch.size()));
    }

    public static int[] labels(List<Sample> batch) {
        return batch.stream().mapToInt(Sample::label).toArray();
    }
}
