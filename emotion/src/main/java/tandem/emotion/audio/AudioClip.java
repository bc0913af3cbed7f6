package tandem.emotion.audio;

/**
 * Mono audio: samples in [-1, 1] and the rate they were taken at.
 *
 * <p>The array is shared, not copied: a clip is a view of decoded audio handed from one stage of
 * the pipeline to the next, and copying every few-second clip would only cost time.
 */
public record AudioClip(float[] samples, int sampleRate) {

    public AudioClip {
        if (samples == null) throw new IllegalArgumentException("AudioClip: samples must not be null");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("AudioClip: sample rate must be positive, got " + sampleRate);
        }
    }

    public int length() { return samples.length; }

    public double durationSeconds() { return samples.length / (double) sampleRate; }
}
