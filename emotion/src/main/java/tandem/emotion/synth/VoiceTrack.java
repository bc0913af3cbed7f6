package tandem.emotion.synth;

/**
 * A synthesised voice with the hidden variables that produced it, all at the audio sample rate.
 *
 * @param samples    the waveform in [-1, 1]
 * @param sampleRate samples per second
 * @param envelope   syllable loudness envelope in [0, 1] (what drives the mouth), from {@code -leadSeconds} to the
 *                   end of the samples plus {@code leadSeconds}
 * @param f0         fundamental frequency in Hz over the same span; 0 where the voice is silent
 * @param leadSeconds speech synthesised before and after the samples, so the face may follow a voice that began
 *                   before the clip (0: the voice starts and ends inside the clip)
 */
public record VoiceTrack(float[] samples, int sampleRate, float[] envelope, float[] f0, double leadSeconds) {

    public double durationSeconds() { return (double) samples.length / sampleRate; }

    /** The envelope at {@code seconds}, linearly interpolated, 0 outside the track. */
    public double envelopeAt(double seconds) {
        double pos = (seconds + leadSeconds) * sampleRate;
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
        int from = (int) Math.round(leadSeconds * sampleRate);
        for (int i = from; i < Math.min(f0.length, from + samples.length); i++) {
            if (envelope[i] > 0.3 && f0[i] > 0) {
                sum += f0[i];
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
