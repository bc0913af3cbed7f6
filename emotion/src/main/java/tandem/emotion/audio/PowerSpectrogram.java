package tandem.emotion.audio;

import org.jtransforms.fft.DoubleFFT_1D;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * |STFT|^2 as librosa.stft computes it by default: a periodic Hann window as long as the FFT,
 * center=True with the signal zero-padded by n_fft / 2 on both sides (pad_mode='constant'), so
 * frame t is centred on sample t * hop.
 */
public final class PowerSpectrogram {

    static {
        // JTransforms otherwise starts a pool of non-daemon threads that keeps the JVM alive;
        // frames are short enough that one thread per transform is the better trade anyway.
        ConcurrencyUtils.setNumberOfThreads(1);
    }

    private PowerSpectrogram() {}

    /** Periodic Hann window: 0.5 - 0.5 cos(2 pi n / N), n = 0 .. N-1 (scipy's fftbins=True). */
    public static double[] periodicHann(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
        return w;
    }

    /** y: (N) -> (1 + nFft / 2, 1 + N / hop) */
    public static double[][] compute(float[] y, int nFft, int hop) {
        if (y.length == 0) throw new IllegalArgumentException("PowerSpectrogram: empty signal");
        if (nFft < 2 || hop <= 0) {
            throw new IllegalArgumentException("PowerSpectrogram: need n_fft >= 2 and hop > 0, got " + nFft + ", " + hop);
        }
        int bins = 1 + nFft / 2;
        int frames = 1 + y.length / hop;
        int pad = nFft / 2;
        double[] window = periodicHann(nFft);
        DoubleFFT_1D fft = new DoubleFFT_1D(nFft);
        double[][] power = new double[bins][frames];
        double[] buf = new double[nFft];
        for (int t = 0; t < frames; t++) {
            int start = t * hop - pad;
            for (int n = 0; n < nFft; n++) {
                int i = start + n;
                buf[n] = i >= 0 && i < y.length ? y[i] * window[n] : 0.0;
            }
            fft.realForward(buf);
            unpackPower(buf, nFft, power, t);
        }
        return power;
    }

    /**
     * JTransforms packs the half spectrum in place: a[2k], a[2k+1] = Re, Im of bin k, except that
     * a[1] holds Re of bin n/2 when n is even and Im of bin (n-1)/2 when n is odd.
     */
    private static void unpackPower(double[] a, int n, double[][] power, int t) {
        power[0][t] = a[0] * a[0];
        if (n % 2 == 0) {
            for (int k = 1; k < n / 2; k++) power[k][t] = a[2 * k] * a[2 * k] + a[2 * k + 1] * a[2 * k + 1];
            power[n / 2][t] = a[1] * a[1];
        } else {
            int last = (n - 1) / 2;
            for (int k = 1; k < last; k++) power[k][t] = a[2 * k] * a[2 * k] + a[2 * k + 1] * a[2 * k + 1];
            if (last > 0) power[last][t] = a[n - 1] * a[n - 1] + a[1] * a[1];
        }
    }
}
