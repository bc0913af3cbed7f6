package tandem.emotion.live;

import java.awt.image.BufferedImage;

/**
 * One decoded piece of a stream, stamped with its time on the stream's clock (seconds from the stream's start) and
 * the moment it arrived ({@link System#nanoTime()}).
 */
public sealed interface MediaEvent permits MediaEvent.VideoFrame, MediaEvent.AudioChunk {
    double time();

    long arrivalNanos();

    /** One RGB frame, an image of its own that the caller may keep. */
    record VideoFrame(BufferedImage image, double time, long arrivalNanos) implements MediaEvent {}

    /** A run of mono samples in [-1, 1] at the stream's audio rate, the first of them at {@code time}. */
    record AudioChunk(float[] samples, double time, long arrivalNanos) implements MediaEvent {}
}
