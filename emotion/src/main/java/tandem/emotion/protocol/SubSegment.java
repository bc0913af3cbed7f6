package tandem.emotion.protocol;

/**
 * A non-overlapping run of frames cut from one annotated clip: the unit the model sees.
 *
 * @param clipIndex index of the clip in its manifest
 * @param index     position of this sub-segment within the clip
 * @param start     start time in seconds within the media
 * @param end       end time in seconds (exclusive)
 * @param label     class index
 * @param subject   who is speaking
 */
public record SubSegment(int clipIndex, int index, double start, double end, int label, String subject) {}
