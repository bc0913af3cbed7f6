package tandem.emotion.synth;

/**
 * A synthesised voice with the hidden variables that produced it, all at the audio sample rate.
 *
 * @param samples    the waveform in [-1, 1]
 * @param sampleRate samples per second
 * @param envelope   syllable loudness envelope in [0, 1] (what drives the mouth)
 * @param f0         fundamental frequency in Hz; 0 where the voice is silent
 */
public record VoiceTrack(float[] samples, int sampleRate, float[] envelope, float[] f0) {

    public double durationSeconds() { return (double) samples.length / sampleRate; }

    /** The envelope at {@code seconds}, linearly interpolated, 0 outside the track. */
    public double envelopeAt(double seconds) {
        double pos = seconds * sampleRate;
        if (pos < 0 || pos > envelope.length - 1) return 0;
        int i = (int) pos;
        if (i == envelope.length - 1) return envelope[i];
        double f = pos - i;
        return envelope[i] * (1 - f) + envelope[i + 1] * f;
    }

    /** Mean fundamental frequency over the samples where the voice is clearly sounding. */
    public double meanVoicedPitchHz() {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < f0.length; i++) {
            if (envelope[i] > 0.3 && f0[i] > 0) {
                sum += f0[i];
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
