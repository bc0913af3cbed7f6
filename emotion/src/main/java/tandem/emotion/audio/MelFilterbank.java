package tandem.emotion.audio;

/**
 * Triangular mel filters over a one-sided power spectrum, as librosa.filters.mel builds them with
 * htk=False and norm='slaney'.
 *
 * <p>The n_mels + 2 band edges are spaced evenly on the {@link MelScale} from fmin to fmax. Filter i
 * rises from edge i to edge i+1 and falls to edge i+2; it is scaled by 2 / (edge(i+2) - edge(i)) so
 * that every triangle has unit area in Hz, which keeps a wide high band from outweighing a narrow
 * low one.
 */
public final class MelFilterbank {

    private final double[][] weights;  // (n_mels, 1 + n_fft / 2)
    private final double[] edgesHz;    // (n_mels + 2)
    private final int[] firstBin;      // weights[i] is zero outside [firstBin[i], endBin[i])
    private final int[] endBin;

    public MelFilterbank(MfccConfig config) {
        int nMels = config.nMels();
        int bins = config.frequencyBins();
        edgesHz = new double[nMels + 2];
        double lo = MelScale.hzToMel(config.fMin());
        double hi = MelScale.hzToMel(config.fMax());
        double step = (hi - lo) / (nMels + 1);
        for (int j = 0; j < edgesHz.length; j++) {
            edgesHz[j] = MelScale.melToHz(j == nMels + 1 ? hi : lo + j * step);
        }
        weights = new double[nMels][bins];
        firstBin = new int[nMels];
        endBin = new int[nMels];
        double binHz = config.sampleRate() / (double) config.nFft();
        for (int i = 0; i < nMels; i++) {
            double left = edgesHz[i], centre = edgesHz[i + 1], right = edgesHz[i + 2];
            double scale = 2.0 / (right - left);
            firstBin[i] = bins;
            for (int k = 0; k < bins; k++) {
                double f = k * binHz;
                double rising = (f - left) / (centre - left);
                double falling = (right - f) / (right - centre);
                double w = Math.max(0.0, Math.min(rising, falling)) * scale;
                weights[i][k] = w;
                if (w > 0) {
                    firstBin[i] = Math.min(firstBin[i], k);
                    endBin[i] = k + 1;
                }
            }
            if (endBin[i] == 0) firstBin[i] = 0;  // an empty filter: too many mels for this n_fft
        }
    }

    public int melBands() { return weights.length; }

    /** A copy of the weights, (n_mels, 1 + n_fft / 2). */
    public double[][] weights() {
        double[][] copy = new double[weights.length][];
        for (int i = 0; i < weights.length; i++) copy[i] = weights[i].clone();
        return copy;
    }

    /** A copy of the n_mels + 2 band edges in Hz; filter i spans edges i .. i + 2 and peaks at edge i + 1. */
    public double[] edgesHz() { return edgesHz.clone(); }

    /** power: (1 + n_fft / 2, frames) -> (n_mels, frames) */
    public double[][] apply(double[][] power) {
        if (power.length != weights[0].length) {
            throw new IllegalArgumentException("MelFilterbank.apply: spectrum has " + power.length
                    + " frequency bins, the filterbank expects " + weights[0].length);
        }
        int frames = power[0].length;
        double[][] mel = new double[weights.length][frames];
        for (int i = 0; i < weights.length; i++) {
            double[] out = mel[i];
            for (int k = firstBin[i]; k < endBin[i]; k++) {
                double w = weights[i][k];
                double[] row = power[k];
                for (int t = 0; t < frames; t++) out[t] += w * row[t];
            }
        }
        return mel;
    }
}
