package tandem.emotion.video;

/**
 * What a video holds, as read from its container.
 *
 * @param frameCount number of video frames (from the stream header when it records one, otherwise
 *                   duration times frame rate, rounded)
 * @param fps        frames per second
 * @param durationSeconds length of the video stream in seconds
 * @param width      frame width in pixels
 * @param height     frame height in pixels
 * @param codec      the codec's short name as FFmpeg reports it, e.g. {@code h264}
 */
public record VideoInfo(int frameCount, double fps, double durationSeconds, int width, int height, String codec) {}
