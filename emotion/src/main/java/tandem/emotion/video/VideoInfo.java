package tandem.emotion.video;

/**
 * What a video holds, as read from its container.
 *
 * @param frameCount number of video frames (from the stream header when it records one, otherwise
 *                   duration times frame rate, rounded)
 * @param fps        frames per second
 * @param durationSeconds length of the video stream in seconds
 * @param width      width of the frames as shown (after {@code rotation}), in pixels
 * @param height     height of the frames as shown (after {@code rotation}), in pixels
 * @param codec      the codec's short name as FFmpeg reports it, e.g. {@code h264}
 * @param rotation   the clockwise turn (0, 90, 180 or 270 degrees) the container's display matrix asks for, which
 *                   the reader applies to every frame
 */
public record VideoInfo(int frameCount, double fps, double durationSeconds, int width, int height, String codec, int rotation) {
    /** A video shown as stored. */
    public VideoInfo(int frameCount, double fps, double durationSeconds, int width, int height, String codec) {
        this(frameCount, fps, durationSeconds, width, height, codec, 0);
    }
}
