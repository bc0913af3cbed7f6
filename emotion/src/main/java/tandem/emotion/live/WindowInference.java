package tandem.emotion.live;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import tandem.emotion.features.FeatureExtractor;
import tandem.emotion.features.Sample;
import tandem.emotion.infer.Predictor;
import tandem.emotion.infer.TrainedModel;
import tandem.emotion.model.InputSpec;
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
     * Runs {@code runs} windows of noise with frames {@code width x height} and sound at {@code sampleRate} (0: none),
     * so that the first real window does not pay for compiling the kernels and filling the buffer pool.
     */
    public void warmUp(int runs, int width, int height, int sampleRate) throws IOException {
        WindowInput noise = noiseWindow(trained.input(), width, height, sampleRate, 1);
        for (int i = 0; i < runs; i++) probabilities(noise);
    }

    /**
     * A window of seeded noise as a stream would deliver it: the preset's segment of frames {@code width x height}
     * and, at {@code sampleRate} (0: none), the sound of its 25 fps span and the resampler's reach around it. What the
     * warm-up and the latency benchmarks run.
     */
    public static WindowInput noiseWindow(InputSpec input, int width, int height, int sampleRate, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int frames = input.segmentFrames();
        List<BufferedImage> images = new ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            int[] pixels = new int[width * height];
            for (int i = 0; i < pixels.length; i++) pixels[i] = random.nextInt(1 << 24);
            image.setRGB(0, 0, width, height, pixels, 0, width);
            images.add(image);
        }
        double seconds = frames / 25.0;
        WindowInput.AudioExcerpt sound = null;
        if (sampleRate > 0) {
            float[] samples = new float[(int) Math.ceil((seconds + 0.1) * sampleRate)];
            for (int i = 0; i < samples.length; i++) samples[i] = (float) (random.nextDouble() - 0.5);
            sound = new WindowInput.AudioExcerpt(samples, 0, sampleRate);
        }
        return new WindowInput(0, 0, seconds, images, sound, System.nanoTime());
    }
}
