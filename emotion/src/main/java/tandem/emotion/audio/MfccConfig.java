package tandem.emotion.audio;

/**
 * Parameters of the MFCC pipeline, named as in librosa.
 *
 * @param sampleRate the rate of the signal the features are computed from
 * @param nMfcc      cepstral coefficients kept (librosa n_mfcc)
 * @param nFft       FFT and window length in samples (n_fft)
 * @param hopLength  samples between frame starts (hop_length)
 * @param nMels      mel bands (n_mels)
 * @param fMin       lowest filter edge in Hz (fmin)
 * @param fMax       highest filter edge in Hz (fmax), at most the Nyquist frequency
 * @param topDb      dynamic range kept below the loudest cell, in dB (top_db);
 *                   {@code Double.POSITIVE_INFINITY} keeps everything
 */
public record MfccConfig(int sampleRate, int nMfcc, int nFft, int hopLength, int nMels,
                         double fMin, double fMax, double topDb) {

    public MfccConfig {
        String problem = null;
        if (sampleRate <= 0) problem = "sample rate " + sampleRate + " must be positive";
        else if (nFft < 2) problem = "n_fft " + nFft + " must be at least 2";
        else if (hopLength <= 0) problem = "hop length " + hopLength + " must be positive";
        else if (nMels <= 0) problem = "n_mels " + nMels + " must be positive";
        else if (nMfcc <= 0 || nMfcc > nMels) problem = "n_mfcc " + nMfcc + " must be in 1.." + nMels + " (n_mels)";
        else if (!(fMin >= 0 && fMin < fMax && fMax <= sampleRate / 2.0)) {
            problem = "need 0 <= fmin < fmax <= sr/2, got fmin " + fMin + ", fmax " + fMax + " at " + sampleRate + " Hz";
        } else if (!(topDb >= 0)) problem = "top_db " + topDb + " must be non-negative";
        if (problem != null) throw new IllegalArgumentException("MfccConfig: " + problem);
    }

    /** librosa.feature.mfcc's defaults except n_mels: 13 coefficients, n_fft 2048, hop 512, 128 mels, full band, top_db 80. */
    public static MfccConfig librosaDefaults(int sampleRate) {
        return new MfccConfig(sampleRate, 13, 2048, 512, 128, 0.0, sampleRate / 2.0, 80.0);
    }

    public MfccConfig withSampleRate(int rate) {
        // fmax follows the rate when it was the Nyquist frequency, so defaults stay full-band
        double newMax = fMax == sampleRate / 2.0 ? rate / 2.0 : fMax;
        return new MfccConfig(rate, nMfcc, nFft, hopLength, nMels, fMin, newMax, topDb);
    }

    public MfccConfig withNMfcc(int n) {
        return new MfccConfig(sampleRate, n, nFft, hopLength, nMels, fMin, fMax, topDb);
    }

    /** Frequency bins of the one-sided spectrum: 1 + n_fft / 2. */
    public int frequencyBins() { return 1 + nFft / 2; }

    /** Frames of a centred STFT over the given number of samples: 1 + n / hop. */
    public int frameCount(int samples) { return 1 + samples / hopLength; }
}
