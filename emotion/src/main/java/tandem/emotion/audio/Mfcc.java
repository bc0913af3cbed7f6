package tandem.emotion.audio;

/**
 * Mel-frequency cepstral coefficients defined as librosa.feature.mfcc (librosa 0.10) computes them:
 *
 * <ol>
 *   <li>power spectrogram |STFT|^2, periodic Hann window of n_fft, hop, centred frames, zero padding
 *       ({@link PowerSpectrogram});</li>
 *   <li>Slaney mel filterbank, norm='slaney' ({@link MelFilterbank});</li>
 *   <li>power_to_db with ref 1, amin 1e-10 and top_db clipping over the whole matrix ({@link Decibels});</li>
 *   <li>orthonormal DCT-II along the mel axis, first n_mfcc coefficients ({@link OrthoDct}).</li>
 * </ol>
 *
 * <p>Arithmetic is in double (librosa works in float32), so values agree to float32 precision, not
 * bit for bit. Features come back as float, (rows, frames), frames = 1 + samples / hop.
 * Instances are immutable and may be shared between threads.
 */
public final class Mfcc {

    private final MfccConfig config;
    private final MelFilterbank filterbank;
    private final OrthoDct dct;

    public Mfcc(MfccConfig config) {
        this.config = config;
        this.filterbank = new MelFilterbank(config);
        this.dct = new OrthoDct(config.nMels(), config.nMfcc());
    }

    public MfccConfig config() { return config; }

    public MelFilterbank filterbank() { return filterbank; }

    /** y: (N) -> (n_mfcc, 1 + N / hop) */
    public float[][] compute(float[] y) {
        double[][] logMel = logMel(y);
        int frames = logMel[0].length;
        float[][] out = new float[config.nMfcc()][frames];
        double[] column = new double[config.nMels()];
        for (int t = 0; t < frames; t++) {
            for (int i = 0; i < column.length; i++) column[i] = logMel[i][t];
            double[] c = dct.apply(column);
            for (int j = 0; j < c.length; j++) out[j][t] = (float) c[j];
        }
        return out;
    }

    /** y: (N) -> (n_mels, 1 + N / hop), in dB */
    public float[][] logMelSpectrogram(float[] y) {
        return toFloat(logMel(y));
    }

    /** y: (N) -> (n_mels, 1 + N / hop), power */
    public float[][] melSpectrogram(float[] y) {
        return toFloat(mel(y));
    }

    private double[][] mel(float[] y) {
        if (y.length == 0) throw new IllegalArgumentException("Mfcc: empty signal");
        return filterbank.apply(PowerSpectrogram.compute(y, config.nFft(), config.hopLength()));
    }

    private double[][] logMel(float[] y) {
        return Decibels.powerToDb(mel(y), config.topDb());
    }

    private static float[][] toFloat(double[][] x) {
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new float[x[i].length];
            for (int t = 0; t < x[i].length; t++) out[i][t] = (float) x[i][t];
        }
        return out;
    }
}
