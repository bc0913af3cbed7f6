package tandem.emotion.audio;

/**
 * Band-limited resampling between any two integer rates: a Kaiser-windowed sinc, evaluated in
 * polyphase form.
 *
 * <p>Output sample n sits at time n / toRate, i.e. at input position t = n * fromRate / toRate. It is
 * the sum of the input samples within the filter's reach of t, each weighted by the low-pass kernel
 * at its distance from t. The kernel's cutoff is {@link #ROLLOFF} times the lower of the two Nyquist
 * frequencies, so downsampling removes what the new rate cannot hold instead of folding it back.
 * Samples outside the input count as zero.
 *
 * <p>With rates reduced to up/down by their gcd, t takes only {@code up} distinct fractional parts;
 * the kernel taps of each are computed once when there are few enough of them.
 */
public final class Resampler {

    /** Zero crossings of the kernel on each side; more means a sharper cutoff and more work. */
    static final int ZERO_CROSSINGS = 64;
    /** Cutoff as a fraction of the lower Nyquist frequency; leaves the Kaiser window room for its transition band. */
    static final double ROLLOFF = 0.945;
    /** Kaiser shape: about 130 dB of stop-band attenuation. */
    static final double KAISER_BETA = 13.0;
    /** Cache the taps of every phase when this many phases or fewer exist (44.1 kHz to 16 kHz has 160). */
    private static final int MAX_CACHED_PHASES = 4096;
    private static final double I0_BETA = besselI0(KAISER_BETA);

    private final int fromRate;
    private final int toRate;
    private final long up;
    private final long down;
    private final double cutoff;      // in cycles per input sample times 2, i.e. 1.0 = input Nyquist
    private final double halfWidth;   // kernel reach in input samples
    private final int tapsBefore;     // taps cover input indices floor(t) - tapsBefore + 1 .. floor(t) + tapsBefore
    private final double[][] phaseTaps;

    public Resampler(int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("Resampler: rates must be positive, got " + fromRate + " Hz -> " + toRate + " Hz");
        }
        this.fromRate = fromRate;
        this.toRate = toRate;
        long g = gcd(fromRate, toRate);
        this.up = toRate / g;
        this.down = fromRate / g;
        this.cutoff = ROLLOFF * Math.min(1.0, toRate / (double) fromRate);
        this.halfWidth = ZERO_CROSSINGS / cutoff;
        this.tapsBefore = (int) Math.floor(halfWidth) + 1;
        this.phaseTaps = up <= MAX_CACHED_PHASES && fromRate != toRate ? new double[(int) up][] : null;
    }

    /** Resamples a whole signal; a copy when the rates match. */
    public static float[] resample(float[] x, int fromRate, int toRate) {
        return new Resampler(fromRate, toRate).apply(x);
    }

    public int fromRate() { return fromRate; }

    public int toRate() { return toRate; }

    /** ceil(n * toRate / fromRate): the samples needed to cover the input's duration. */
    public long outputLength(long inputLength) {
        return Math.floorDiv(inputLength * up + down - 1, down);
    }

    public float[] apply(float[] x) {
        long n = outputLength(x.length);
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Resampler: " + x.length + " samples at " + fromRate + " Hz become "
                    + n + " at " + toRate + " Hz, more than one array holds");
        }
        return apply(x, 0, (int) n);
    }

    /**
     * Output samples first .. first + count - 1 of the resampled signal, without computing the rest.
     * Indices past {@link #outputLength} (or before 0) lie outside the input's span and come back as
     * exact zeros, so a crop that runs off the end is zero-padded.
     */
    public float[] apply(float[] x, long first, int count) {
        return apply(x, 0, first, count);
    }

    /**
     * As {@link #apply(float[], long, int)} for a signal of which only a part is in memory, as a stream holds it:
     * {@code part} is input samples {@code partStart .. partStart + part.length - 1}, and the signal ends where the
     * part does. An output sample equals the whole signal's when the part holds {@link #reach()} input samples on
     * either side of its position (or the signal's start or end); outside the part the filter sees silence.
     */
    public float[] apply(float[] part, long partStart, long first, int count) {
        if (count < 0) throw new IllegalArgumentException("Resampler: negative output count " + count);
        if (partStart < 0) throw new IllegalArgumentException("Resampler: negative start " + partStart + " of the part in memory");
        float[] y = new float[count];
        long end = outputLength(partStart + part.length);
        if (fromRate == toRate) {
            for (int j = 0; j < count; j++) {
                long i = first + j;
                if (i >= partStart && i < end) y[j] = part[(int) (i - partStart)];
            }
            return y;
        }
        double[] scratch = phaseTaps == null ? new double[2 * tapsBefore] : null;
        for (int j = 0; j < count; j++) {
            long n = first + j;
            if (n < 0 || n >= end) continue;
            long pos = n * down;
            long base = pos / up;
            int phase = (int) (pos % up);
            double[] taps = phaseTaps != null ? cachedTaps(phase) : fillTaps(phase, scratch);
            y[j] = (float) dot(part, base - tapsBefore + 1 - partStart, taps);
        }
        return y;
    }

    /**
     * How many input samples on either side of an output sample's position its value depends on: output sample n
     * reads input samples floor(n * fromRate / toRate) - reach + 1 .. floor(n * fromRate / toRate) + reach. Zero when
     * the rates match.
     */
    public int reach() { return fromRate == toRate ? 0 : tapsBefore; }

    private double[] cachedTaps(int phase) {
        double[] taps = phaseTaps[phase];
        if (taps == null) {
            taps = fillTaps(phase, new double[2 * tapsBefore]);
            phaseTaps[phase] = taps;
        }
        return taps;
    }

    // taps[m] weighs input index floor(t) - tapsBefore + 1 + m, at distance frac + tapsBefore - 1 - m from t
    private double[] fillTaps(int phase, double[] taps) {
        double frac = phase / (double) up;
        for (int m = 0; m < taps.length; m++) taps[m] = kernel(frac + tapsBefore - 1 - m);
        return taps;
    }

    private static double dot(float[] x, long start, double[] taps) {
        double acc = 0;
        if (start >= 0 && start + taps.length <= x.length) {
            int s = (int) start;
            for (int m = 0; m < taps.length; m++) acc += x[s + m] * taps[m];
        } else {
            for (int m = 0; m < taps.length; m++) {
                long i = start + m;
                if (i >= 0 && i < x.length) acc += x[(int) i] * taps[m];
            }
        }
        return acc;
    }

    /** Windowed-sinc low-pass at distance d input samples; unit gain at DC. */
    private double kernel(double d) {
        double r = d / halfWidth;
        if (Math.abs(r) >= 1) return 0;
        double arg = Math.PI * cutoff * d;
        double sinc = Math.abs(arg) < 1e-12 ? 1.0 : Math.sin(arg) / arg;
        return cutoff * sinc * besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / I0_BETA;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (converges fast for beta ~ 10). */
    static double besselI0(double x) {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 200; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        return sum;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
