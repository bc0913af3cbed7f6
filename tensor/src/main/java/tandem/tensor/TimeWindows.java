package tandem.tensor;

/**
 * W windows over a time axis of length T: window i covers [floor(i T / W), floor((i + 1) T / W)). Cutting two axes of
 * different lengths by the same fractions makes window i span the same stretch of real time in both, whatever their
 * frame rates. This is the one window formula of Tandem: the model, the composite attention, and every attention
 * kernel (CPU, and {@code tk_window_start} in the device sources) use it.
 */
public record TimeWindows(int length, int count) {
    public TimeWindows {
        if (count < 1 || count > length) throw new IllegalArgumentException("time windows: " + count + " windows over length " + length);
    }

    /** First step of window {@code i}; {@code start(count)} is the length. */
    public int start(int i) { return (int) ((long) i * length / count); }

    public int size(int i) { return start(i + 1) - start(i); }

    /** The longest window: ceil(length / count). */
    public int largest() { return (length + count - 1) / count; }

    /** True when every window has the same length, so all windows can run as one batch. */
    public boolean equal() { return length % count == 0; }
}
