package tandem.emotion.protocol;

import java.util.ArrayList;
import java.util.List;

/** Cuts an annotated span into non-overlapping runs of a fixed number of frames (30 in the seed paper). */
public final class SubSegmenter {
    /** Ten hours of 30-frame sub-segments at 240 fps: beyond it a span is a typo, not a clip. */
    static final long MAX_SEGMENTS = 300_000;

    private SubSegmenter() {}

    /**
     * @param what       names the clip in errors (e.g. its id and file)
     * @param fps        frames per second of the video
     * @param spanStart  start of the annotated span, seconds
     * @param spanEnd    end of the annotated span, seconds
     * @param frames     frames per sub-segment
     */
    public static List<SubSegment> cut(String what, int clipIndex, double fps, double spanStart, double spanEnd,
                                       int frames, int label, String subject) {
        if (!(fps > 0)) throw new IllegalArgumentException(what + ": frame rate " + fps + " is not positive");
        long first = Math.round(Math.ceil(spanStart * fps - 1e-6));
        long available = (long) Math.floor(spanEnd * fps + 1e-6) - first;
        if (available < frames) {
            throw new IllegalArgumentException(what + ": " + Math.max(0, available) + " frames in [" + spanStart + " s, " + spanEnd
                    + " s), fewer than the " + frames + " frames of one sub-segment");
        }
        if (available / frames > MAX_SEGMENTS) {
            throw new IllegalArgumentException(what + ": [" + spanStart + " s, " + spanEnd + " s) would give " + available / frames
                    + " sub-segments, more than the " + MAX_SEGMENTS + " any clip can hold; is the span's end right?");
        }
        List<SubSegment> out = new ArrayList<>();
        for (int i = 0; (i + 1) * (long) frames <= available; i++) {
            double s = (first + (long) i * frames) / fps, e = (first + (long) (i + 1) * frames) / fps;
            out.add(new SubSegment(clipIndex, i, s, e, label, subject));
        }
        return out;
    }
}
