package tandem.emotion.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Frames at a fixed rate that can be read by time: a video file or a folder of images. */
public interface FrameSource extends AutoCloseable {
    /** The frame rate of an image folder without an {@code fps.txt}: the synthetic corpus' rate (and PAL's). */
    double DEFAULT_FOLDER_FPS = 25;

    /**
     * A video file (through FFmpeg) or, for a folder, its numbered images (through ImageIO) at the rate written in
     * the folder's {@code fps.txt}, or {@link #DEFAULT_FOLDER_FPS} when there is none.
     */
    static FrameSource open(Path path) throws IOException {
        if (!java.nio.file.Files.isDirectory(path)) return VideoReader.open(path);
        Path rate = path.resolve("fps.txt");
        double fps = DEFAULT_FOLDER_FPS;
        if (java.nio.file.Files.exists(rate)) {
            String text = java.nio.file.Files.readString(rate).trim();
            try {
                fps = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new MediaFileException(rate, "frame rate '" + text + "' is not a number");
            }
            if (!(fps > 0)) throw new MediaFileException(rate, "frame rate " + fps + " is not positive");
        }
        return ImageSequenceReader.open(path, fps);
    }

    /** Releases the decoder, if any; reading frames afterwards is an error. */
    @Override
    default void close() {}

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
