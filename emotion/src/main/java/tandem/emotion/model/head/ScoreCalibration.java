package tandem.emotion.model.head;

/**
 * What the class-map head does with its class scores before the softmax. Each score GAP(F * s_c) is an average of
 * feature values scaled by gates in (0, 1), so every score lies between 0 and the mean feature value: at the start
 * the classes score almost alike, and the gap between any two scores can never exceed the feature scale, which
 * caps how confident eq. 8 can become.
 */
public enum ScoreCalibration {
    /** R = softmax(GAP(F_c)) exactly as eq. 8. */
    PLAIN("plain"),
    /**
     * logits_c = scale_c * GAP(F_c) + bias_c, learnable per class, with bias starting at 0 and scale at N, the channel
     * count. GAP over channels is a mean, which shrinks the differences between classes by N; starting the scale at N
     * makes the untrained logits channel sums instead (eq. 8 at softmax temperature 1/N), and training then sets each
     * class's range. The default.
     */
    AFFINE("affine");

    private final String key;

    ScoreCalibration(String key) { this.key = key; }

    public String key() { return key; }

    public static ScoreCalibration parse(String key) {
        for (ScoreCalibration c : values()) if (c.key.equals(key)) return c;
        throw new IllegalArgumentException("class-map head: unknown calibration '" + key + "'; known: plain, affine");
    }
}
