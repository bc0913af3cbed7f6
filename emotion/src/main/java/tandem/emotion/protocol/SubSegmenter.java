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
        long first = firstFrame(fps, spanStart);
        long available = framesIn(fps, spanStart, spanEnd);
        if (available < frames) {
            throw new IllegalArgumentException(what + ": " + Math.max(0, available) + " frames in [" + spanStart + " s, " + spanEnd
                    + " s), fewer than the " + frames + " frames of one sub-segment (training takes whole sub-segments only)");
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

    /**
     * As {@link #cut}, except that a span with at least one frame but fewer than {@code frames} becomes one
     * sub-segment of full length from the span's start (the caller pads it: {@code FeatureExtractor} repeats the last
     * frame and fills the audio after the span with silence).
     */
    public static List<SubSegment> cutOrPad(String what, int clipIndex, double fps, double spanStart, double spanEnd,
                                            int frames, int label, String subject) {
        if (!(fps > 0)) throw new IllegalArgumentException(what + ": frame rate " + fps + " is not positive");
        long available = framesIn(fps, spanStart, spanEnd);
        if (available >= frames) return cut(what, clipIndex, fps, spanStart, spanEnd, frames, label, subject);
        if (available < 1) {
            throw new IllegalArgumentException(what + ": no frame in [" + spanStart + " s, " + spanEnd + " s)");
        }
        double s = firstFrame(fps, spanStart) / fps;
        return List.of(new SubSegment(clipIndex, 0, s, s + frames / fps, label, subject));
    }

    /** How many frames of a {@code fps} video lie in {@code [spanStart, spanEnd)}. */
    public static long framesIn(double fps, double spanStart, double spanEnd) {
        return (long) Math.floor(spanEnd * fps + 1e-6) - firstFrame(fps, spanStart);
    }

    private static long firstFrame(double fps, double spanStart) {
        return Math.round(Math.ceil(spanStart * fps - 1e-6));
    }
}
