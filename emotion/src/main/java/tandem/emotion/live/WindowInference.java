package tandem.emotion.live;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import tandem.emotion.features.FeatureExtractor;
import tandem.emotion.features.Sample;
import tandem.emotion.infer.Predictor;
import tandem.emotion.infer.TrainedModel;
import tandem.emotion.protocol.SubSegment;

/**
 * One window through the model, end to end: its features exactly as {@code predict} prepares a sub-segment
 * ({@link FeatureExtractor#window}, the sound resampled to the model's rate by {@link WindowAudio}), then a forward
 * pass through {@link Predictor} and the softmax. Keeps per-rate state (resampler taps, MFCC tables), so it is
 * confined to one thread: the inference thread, or a benchmark's.
 */
public final class WindowInference {
    private final TrainedModel trained;
    private final FeatureExtractor features;
    private WindowAudio audio;

    public WindowInference(TrainedModel trained) {
        this.trained = trained;
        this.features = new FeatureExtractor(trained.input());
    }

    public TrainedModel trained() { return trained; }

    /** The window as model input; a NaN or infinite feature is an error that names the window. */
    public Sample features(WindowInput w) throws IOException {
        int rate = trained.input().sampleRate();
        float[] span;
        if (w.audio() == null) {
            span = FeatureExtractor.audioSpan(new float[0], 0, w.start(), w.end(), rate);   // silence for a model that ignores it
        } else {
            if (audio == null || audio.streamRate() != w.audio().rate()) audio = new WindowAudio(w.audio().rate(), rate);
            span = audio.span(w.audio(), w.start(), w.end());
        }
        SubSegment segment = new SubSegment(0, (int) Math.min(Integer.MAX_VALUE, w.index()), w.start(), w.end(), -1, "");
        return features.window(w.frames(), span, segment,
                String.format(Locale.ROOT, "window %d [%.3f, %.3f) s", w.index(), w.start(), w.end()));
    }

    /** Class probabilities of the window, in the checkpoint's class order. */
    public double[] probabilities(WindowInput w) throws IOException {
        return Predictor.probabilities(trained, List.of(features(w)))[0];
    }

    /**
     * Runs {@code runs} blank windows of frames {@code width x height} with sound at {@code sampleRate} (0: none), so
     * that the first real window does not pay for compiling the kernels and filling the buffer pool.
     */
    public void warmUp(int runs, int width, int height, int sampleRate) throws IOException {
        var blank = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
        int frames = trained.input().segmentFrames();
        double seconds = frames / 25.0;
        WindowInput.AudioExcerpt silence = sampleRate > 0
                ? new WindowInput.AudioExcerpt(new float[(int) Math.ceil((seconds + 0.1) * sampleRate)], 0, sampleRate) : null;
        for (int i = 0; i < runs; i++) probabilities(new WindowInput(i, 0, seconds, Collections.nCopies(frames, blank), silence, System.nanoTime()));
    }
}
