package tandem.emotion.live;

/**
 * The most recent samples of a mono track, at most {@code capacity} of them, addressed by their index in the track:
 * sample i is at i / rate seconds on the stream's clock. Writing past the capacity overwrites the oldest samples, so
 * memory stays flat; reading a sample that has been overwritten is an error, reading before the track's start or
 * past what has arrived gives silence.
 */
final class SampleRing {
    private final float[] buf;
    private long end;          // one past the newest sample written

    SampleRing(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("SampleRing: capacity must be positive, got " + capacity);
        buf = new float[capacity];
    }

    int capacity() { return buf.length; }

    /** One past the newest sample: how much of the track has arrived. */
    long end() { return end; }

    /** The oldest sample still held. */
    long oldest() { return Math.max(0, end - buf.length); }

    /** Appends samples after the newest one. */
    void append(float[] samples, int from, int count) {
        int skip = Math.max(0, count - buf.length);            // more than fits: only the last capacity samples survive
        end += skip;
        for (int i = from + skip; i < from + count; i++) buf[slot(end++)] = samples[i];
    }

    /** Silence up to (not including) {@code index}: a gap in the track, or a track that starts late. */
    void silenceUntil(long index) {
        if (index <= end) return;
        long gap = index - end;
        if (gap >= buf.length) {
            java.util.Arrays.fill(buf, 0f);
            end = index;
            return;
        }
        while (end < index) buf[slot(end++)] = 0f;
    }

    /** Samples {@code from .. from + count - 1}: silence before index 0 or past {@link #end()}. */
    float[] copy(long from, int count) {
        if (from + count > 0 && Math.max(from, 0) < oldest()) {
            throw new IllegalStateException("SampleRing: samples from " + from + " were overwritten (holding " + oldest() + ".." + (end - 1) + ")");
        }
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            long j = from + i;
            if (j >= 0 && j < end) out[i] = buf[slot(j)];
        }
        return out;
    }

    private int slot(long index) { return (int) Math.floorMod(index, (long) buf.length); }
}
