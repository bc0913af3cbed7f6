package tandem.emotion.audio;

/**
 * The Slaney mel scale (Auditory Toolbox; librosa's default, htk=False): linear below 1 kHz at
 * 200/3 Hz per mel, logarithmic above, with 27 mels per factor 6.4 in frequency.
 */
public final class MelScale {

    static final double HZ_PER_MEL = 200.0 / 3.0;
    static final double BREAK_HZ = 1000.0;
    static final double BREAK_MEL = BREAK_HZ / HZ_PER_MEL;  // 15
    static final double LOG_STEP = Math.log(6.4) / 27.0;

    private MelScale() {}

    public static double hzToMel(double hz) {
        return hz < BREAK_HZ ? hz / HZ_PER_MEL : BREAK_MEL + Math.log(hz / BREAK_HZ) / LOG_STEP;
    }

    public static double melToHz(double mel) {
        return mel < BREAK_MEL ? mel * HZ_PER_MEL : BREAK_HZ * Math.exp(LOG_STEP * (mel - BREAK_MEL));
    }
}
