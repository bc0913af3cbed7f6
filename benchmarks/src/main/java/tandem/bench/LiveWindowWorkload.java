package tandem.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import tandem.emotion.infer.TrainedModel;
import tandem.emotion.live.WindowInference;
import tandem.emotion.live.WindowInput;
import tandem.emotion.model.EmotionModel;
import tandem.emotion.model.ModelSpec;
import tandem.nn.Seeds;

/**
 * One window of {@code ./tandem live}, end to end, as its inference thread runs it: the features of 30 decoded
 * frames and their sound (frame sampling, crop, resize, normalisation; resampling, MFCC), then the forward pass of the
 * proposed model (window fusion, class maps) and the softmax, for one preset. The input is what a VGA webcam with a
 * 48 kHz microphone delivers: 640x480 frames and sound that must be resampled to the preset's rate. Decoding is not
 * timed: {@code live} does it on another thread. FLOPs are not counted (NaN): compare times.
 */
public final class LiveWindowWorkload {
    public static final List<String> PRESETS = List.of("tiny", "small", "ravdess");
    public static final int WIDTH = 640, HEIGHT = 480, SAMPLE_RATE = 48000;

    private LiveWindowWorkload() {}

    public static Workload create(String preset) {
        if (!PRESETS.contains(preset)) throw new IllegalArgumentException("unknown preset '" + preset + "' for live-window; known: " + PRESETS);
        Seeds.set(1);
        EmotionModel model = new EmotionModel(ModelSpec.parse("preset=" + preset + ",fusion=window,head=classmap"));
        model.eval();
        TrainedModel trained = new TrainedModel(null, model, List.of("anger", "joy", "neutral", "sad"), model.spec().preset().input());
        WindowInference inference = new WindowInference(trained);
        WindowInput window = WindowInference.noiseWindow(trained.input(), WIDTH, HEIGHT, SAMPLE_RATE, 1);
        return new Workload() {
            @Override public double flops() { return Double.NaN; }

            @Override public float run() {
                try {
                    return (float) inference.probabilities(window)[0];
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
