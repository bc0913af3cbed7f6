package tandem.emotion.live;

import java.util.ArrayList;
import java.util.List;

/**
 * The most recent video frames of a stream, at most {@code capacity} of them, addressed by their index in the
 * stream (0 for the first frame decoded). Frames before {@link #first()} have been released; a full ring refuses
 * more rather than grow, so memory stays flat however long the stream runs.
 */
final class FrameRing {
    private final MediaEvent.VideoFrame[] slots;
    private long first;   // index of the oldest frame held
    private long end;     // one past the newest frame held

    FrameRing(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("FrameRing: capacity must be positive, got " + capacity);
        slots = new MediaEvent.VideoFrame[capacity];
    }

    int capacity() { return slots.length; }

    /** Index of the oldest frame held. */
    long first() { return first; }

    /** Index the next frame will get: one past the newest. */
    long end() { return end; }

    int size() { return (int) (end - first); }

    boolean isFull() { return size() == slots.length; }

    /** Appends the next frame; returns its index. */
    long add(MediaEvent.VideoFrame frame) {
        if (isFull()) throw new IllegalStateException("FrameRing: full (" + slots.length + " frames)");
        slots[slot(end)] = frame;
        return end++;
    }

    MediaEvent.VideoFrame get(long index) {
        if (index < first || index >= end) throw new IndexOutOfBoundsException("frame " + index + " is not held (holding " + first + ".." + (end - 1) + ")");
        return slots[slot(index)];
    }

    /** Frames {@code from .. from + count - 1}, in order. */
    List<MediaEvent.VideoFrame> range(long from, int count) {
        List<MediaEvent.VideoFrame> out = new ArrayList<>(count);
        for (long i = from; i < from + count; i++) out.add(get(i));
        return out;
    }

    /** Counts the next frame without holding it (a frame no window needs); only when nothing is held. */
    long skip() {
        if (size() > 0) throw new IllegalStateException("FrameRing: cannot skip a frame while holding " + size());
        first = ++end;
        return end - 1;
    }

    /** Releases every frame held before {@code index}. */
    void releaseBefore(long index) {
        while (first < Math.min(index, end)) slots[slot(first++)] = null;
    }

    private int slot(long index) { return (int) Math.floorMod(index, (long) slots.length); }
}
