package tandem.emotion.model.fusion;

/**
 * W windows over a time axis of length T: window i covers [floor(i T / W), floor((i + 1) T / W)). Cutting both
 * modalities' axes by the same fractions makes window i span the same stretch of real time in video and audio,
 * whatever their frame rates.
 */
public record TimeWindows(int length, int count) {
    public TimeWindows {
        if (count < 1 || count > length) throw new IllegalArgumentException("time windows: " + count + " windows over length " + length);
    }

    public int start(int i) { return (int) ((long) i * length / count); }

    public int size(int i) { return start(i + 1) - start(i); }

    /** True when every window has the same length, so all windows can run as one batch. */
    public boolean equal() { return length % count == 0; }
}
