package tandem.emotion.synth;

/**
 * A two-pole resonator (Klatt's formant filter), normalised to unit gain at 0 Hz so that cascading
 * several keeps the spectral tilt of the source. Centre frequency and bandwidth may change while
 * it runs (the state carries over), which is how vowels glide into each other.
 */
final class FormantResonator {
    private final double sampleRate;
    private double a;
    private double b;
    private double c;
    private double y1;
    private double y2;

    FormantResonator(double sampleRate) {
        this.sampleRate = sampleRate;
    }

    void tune(double frequencyHz, double bandwidthHz) {
        double f = Math.min(frequencyHz, 0.45 * sampleRate); // stay below Nyquist at low sample rates
        double t = 1.0 / sampleRate;
        c = -Math.exp(-2 * Math.PI * bandwidthHz * t);
        b = 2 * Math.exp(-Math.PI * bandwidthHz * t) * Math.cos(2 * Math.PI * f * t);
        a = 1 - b - c;
    }

    double process(double x) {
        double y = a * x + b * y1 + c * y2;
        y2 = y1;
        y1 = y;
        return y;
    }
}
