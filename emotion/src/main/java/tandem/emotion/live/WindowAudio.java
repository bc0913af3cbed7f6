package tandem.emotion.live;

import tandem.emotion.audio.Resampler;
import tandem.emotion.features.FeatureExtractor;

/**
 * A window's sound at the model's rate, equal to what {@code predict} cuts from the whole track resampled at once:
 * which samples of the stream's track a window needs ({@link #inputRange}: the resampler's reach on either side),
 * and the span itself ({@link #span}), resampled from just that excerpt and cut by {@link FeatureExtractor#audioSpan}.
 * Holds a resampler with its cached filter taps, so one instance per thread.
 */
final class WindowAudio {
    private final int streamRate, modelRate;
    private final Resampler resampler;

    WindowAudio(int streamRate, int modelRate) {
        this.streamRate = streamRate;
        this.modelRate = modelRate;
        this.resampler = new Resampler(streamRate, modelRate);
    }

    int streamRate() { return streamRate; }

    /** Output samples (at the model's rate) [first, end) that cover round(start * rate) .. round(end * rate) - 1. */
    private long outFirst(double start) { return (long) Math.floor(start * modelRate) - 1; }

    private long outEnd(double end) { return (long) Math.ceil(end * modelRate) + 1; }

    /** Stream samples [from, to) that the span of [start, end) is computed from. */
    long[] inputRange(double start, double end) {
        int reach = resampler.reach();
        long from = Math.max(0, Math.floorDiv(outFirst(start) * streamRate, modelRate) - reach);
        long to = Math.floorDiv((outEnd(end) - 1) * streamRate, modelRate) + reach + 1;
        return new long[] {from, Math.max(from, to)};
    }

    /** The span of [start, end) at the model's rate; silence where the excerpt (and so the track) has no samples. */
    float[] span(WindowInput.AudioExcerpt excerpt, double start, double end) {
        if (excerpt.rate() != streamRate) {
            throw new IllegalArgumentException("window audio at " + excerpt.rate() + " Hz, expected " + streamRate + " Hz");
        }
        long first = Math.max(0, outFirst(start));
        float[] part = resampler.apply(excerpt.samples(), excerpt.firstIndex(), first, (int) (outEnd(end) - first));
        return FeatureExtractor.audioSpan(part, first, start, end, modelRate);
    }
}
