package tandem.emotion.live;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * One window of a stream, cut and ready for the model: its frames and the sound around it, taken out of the ring
 * buffers so that the decoder can go on.
 *
 * @param index          the window's place in the stream: 0, 1, 2, ... (hop frames apart)
 * @param start          time of its first frame, seconds on the stream's clock
 * @param end            time just after its last frame (the last frame's time plus one frame)
 * @param audio          the sound of [start, end) and a little around it, at the stream's rate; null when the model
 *                       reads no sound
 * @param lastFrameNanos when the window's last frame arrived ({@link System#nanoTime()}): latency counts from here
 */
public record WindowInput(long index, double start, double end, List<BufferedImage> frames, AudioExcerpt audio, long lastFrameNanos) {
    public WindowInput {
        frames = List.copyOf(frames);
    }

    /**
     * Consecutive samples of a mono track: {@code samples[0]} is sample {@code firstIndex} (at firstIndex / rate s);
     * the track is taken to end where the excerpt does.
     */
    public record AudioExcerpt(float[] samples, long firstIndex, int rate) {}
}
