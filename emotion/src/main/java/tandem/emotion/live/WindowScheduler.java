package tandem.emotion.live;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a stream into windows as it arrives. Frames go into a ring of frames and sound into a ring of samples, each
 * placed by its timestamp; every {@code hop} frames the last {@code window} frames make a window, which is handed on
 * as soon as the sound up to its end (and the resampler's reach past it) has arrived too. Nothing is queued here:
 * both rings have fixed capacities, sized for a window plus the largest allowed gap between sound and picture.
 *
 * <p>Sound and picture may arrive up to {@code maxSkew} seconds apart (containers interleave them in chunks). If the
 * picture runs further ahead, the sound has stopped: that is an error, raised after every window before it has been
 * handed on. At the end of the stream the last windows are cut with silence where the sound ended early, as
 * {@code predict} pads a file's, unless it ended more than {@code maxSkew} before them.
 */
final class WindowScheduler {
    /** Receives the windows in order; may block (the hand-off to the inference thread). */
    interface Sink {
        void accept(WindowInput window) throws InterruptedException;
    }

    /** A jump in the sound's timestamps larger than this is a gap (filled with silence) or an overlap (skipped). */
    static final double AUDIO_JITTER_SECONDS = 0.05;

    private final StreamInfo info;
    private final int window, hop;
    private final double maxSkew, limit;
    private final FrameRing frames;
    private final SampleRing audio;          // null when the model reads no sound
    private final WindowAudio ranges;
    private long nextStart;                  // frame index of the next window's first frame
    private long windows;
    private boolean audioStarted, audioEnded;
    private double latestVideoTime = Double.NEGATIVE_INFINITY;
    private long limitFrame = Long.MAX_VALUE; // first frame at or past the time limit

    /**
     * @param modelRate the model's audio rate, or 0 when it reads no sound (then the stream's sound is ignored)
     * @param limit     stream time at which to stop (seconds); windows must end by then. Infinity for the whole stream.
     */
    WindowScheduler(StreamInfo info, int window, int hop, int modelRate, double maxSkew, double limit) {
        if (window < 1 || hop < 1) throw new IllegalArgumentException("window and hop must be at least 1 frame, got " + window + " and " + hop);
        if (!(maxSkew > 0)) throw new IllegalArgumentException("--max-skew must be positive, got " + maxSkew);
        if (!(limit > 0)) throw new IllegalArgumentException("--duration must be positive, got " + limit);
        if (modelRate > 0 && !info.hasAudio()) throw new IllegalArgumentException(info.name() + ": no audio stream");
        this.info = info;
        this.window = window;
        this.hop = hop;
        this.maxSkew = maxSkew;
        this.limit = limit;
        this.frames = new FrameRing(window + (int) Math.ceil(maxSkew * info.fps()) + 4);
        this.ranges = modelRate > 0 ? new WindowAudio(info.sampleRate(), modelRate) : null;
        if (ranges != null) {
            long[] oneWindow = ranges.inputRange(0, window / info.fps());
            // a window's excerpt, plus the sound that may run ahead of the picture, plus a second for chunk sizes
            long held = oneWindow[1] - oneWindow[0] + (long) Math.ceil((maxSkew + 1) * info.sampleRate());
            this.audio = new SampleRing(Math.toIntExact(held));
        } else {
            this.audio = null;
        }
    }

    /** Frames and samples the rings can hold: what a stream of any length costs in memory. */
    int frameCapacity() { return frames.capacity(); }

    int sampleCapacity() { return audio == null ? 0 : audio.capacity(); }

    /** Windows handed on so far. */
    long windows() { return windows; }

    /** Whether the time limit has been reached and every window that ends before it has been handed on. */
    boolean done() { return nextStart + window > limitFrame; }

    void accept(MediaEvent event, Sink sink) throws StreamException, InterruptedException {
        if (event instanceof MediaEvent.VideoFrame v) {
            if (limitFrame != Long.MAX_VALUE) return;
            if (v.time() >= limit) {
                limitFrame = frames.end();
                return;
            }
            latestVideoTime = Math.max(latestVideoTime, v.time());
            if (frames.end() < nextStart) {
                frames.skip();                          // between windows (a hop longer than the window)
                return;
            }
            if (frames.isFull()) {
                // frames pile up only while a window waits for its sound, and the skew check stops that first
                if (audio == null) throw new IllegalStateException(info.name() + ": frame ring full without waiting for sound");
                throw audioStopped();
            }
            frames.add(v);
        } else if (event instanceof MediaEvent.AudioChunk a && audio != null) {
            place(a);
        }
        drain(sink);
    }

    /** The stream has ended: hands on the windows that are complete, with silence where the sound ended early. */
    void finish(Sink sink) throws StreamException, InterruptedException {
        audioEnded = true;
        drain(sink);
        if (windows == 0) {
            throw new StreamException(info.name(), String.format(Locale.ROOT, "ended after %d frames%s, fewer than the %d of one window",
                    Math.min(frames.end(), limitFrame), limitFrame == Long.MAX_VALUE ? "" : " (--duration)", window));
        }
    }

    private void place(MediaEvent.AudioChunk a) {
        int rate = info.sampleRate();
        long at = Math.max(0, Math.round(a.time() * rate));
        int skip = 0;
        if (!audioStarted) {
            audioStarted = true;
            audio.silenceUntil(at);                    // a track that starts late: silence before it, as for a file
        } else if (at - audio.end() > AUDIO_JITTER_SECONDS * rate) {
            audio.silenceUntil(at);                    // a gap in the sound
        } else if (audio.end() - at > AUDIO_JITTER_SECONDS * rate) {
            skip = (int) Math.min(a.samples().length, audio.end() - at);   // sound already heard
        }
        audio.append(a.samples(), skip, a.samples().length - skip);
    }

    private void drain(Sink sink) throws StreamException, InterruptedException {
        while (frames.end() >= nextStart + window && nextStart + window <= limitFrame) {
            MediaEvent.VideoFrame first = frames.get(nextStart), last = frames.get(nextStart + window - 1);
            double start = first.time(), end = last.time() + 1 / info.fps();
            WindowInput.AudioExcerpt excerpt = null;
            if (audio != null) {
                long[] range = ranges.inputRange(start, end);
                if (audio.end() < range[1] && !audioEnded) {
                    if (latestVideoTime - audioTime() > maxSkew) throw audioStopped();
                    return;                            // wait for the sound
                }
                if (audioEnded && end - audioTime() > maxSkew) throw audioStopped();
                if (range[0] < audio.oldest()) {
                    throw new StreamException(info.name(), String.format(Locale.ROOT, "the video lags the sound by more than"
                            + " %.1f s (window at %.3f s, sound already at %.3f s)", maxSkew, start, audioTime()));
                }
                long to = Math.min(range[1], audio.end());
                excerpt = new WindowInput.AudioExcerpt(audio.copy(range[0], (int) Math.max(0, to - range[0])), range[0], info.sampleRate());
            }
            List<BufferedImage> images = new ArrayList<>(window);
            for (MediaEvent.VideoFrame f : frames.range(nextStart, window)) images.add(f.image());
            sink.accept(new WindowInput(windows++, start, end, images, excerpt, last.arrivalNanos()));
            nextStart += hop;
            frames.releaseBefore(nextStart);
        }
    }

    /** How far the sound has arrived, in seconds. */
    private double audioTime() { return audio.end() / (double) info.sampleRate(); }

    private StreamException audioStopped() {
        String what = !audioStarted ? String.format(Locale.ROOT, "no sound arrived, and the video is at %.3f s", latestVideoTime)
                : String.format(Locale.ROOT, "the sound stops at %.3f s while the video goes on to %.3f s", audioTime(),
                        audioEnded ? latestVideoTime + 1 / info.fps() : latestVideoTime);
        return new StreamException(info.name(), what + String.format(Locale.ROOT, " (more than --max-skew %.1f s apart);"
                + " the model needs sound for every window", maxSkew));
    }
}
