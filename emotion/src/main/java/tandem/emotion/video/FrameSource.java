package tandem.emotion.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Frames at a fixed rate that can be read by time: a video file or a folder of images. */
public interface FrameSource {

    /** Where the frames come from, for error messages. */
    Path path();

    double fps();

    int frameCount();

    default double durationSeconds() { return frameCount() / fps(); }

    /**
     * The frames whose timestamps lie in {@code [startSeconds, endSeconds)}, in order, each an
     * independent {@link BufferedImage#TYPE_INT_RGB} image the caller may keep.
     */
    List<BufferedImage> readFrames(double startSeconds, double endSeconds) throws IOException;

    /** Every frame. */
    default List<BufferedImage> readAll() throws IOException {
        return readFrames(0, Double.POSITIVE_INFINITY);
    }

    /** Checks a time range and names the source when it is unusable. */
    static void checkRange(Path source, double startSeconds, double endSeconds) {
        if (!(startSeconds >= 0) || !(endSeconds > startSeconds)) {
            throw new IllegalArgumentException(source + ": bad time range [" + startSeconds + ", " + endSeconds
                    + ") s: need 0 <= start < end");
        }
    }
}
