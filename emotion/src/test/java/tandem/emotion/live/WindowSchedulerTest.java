package tandem.emotion.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Windows cut from a synthetic stream (25 fps, sound at 16 kHz in 40 ms chunks, each sample holding its own index):
 * every hop, in order, with their own frames and the sound of their span; late sound waited for, stopped sound an
 * error after the windows before it, short sound padded at the end, the time limit, and a hop longer than a window.
 */
class WindowSchedulerTest {
    static final double FPS = 25;
    static final int RATE = 16000, CHUNK = 640;
    static final StreamInfo INFO = new StreamInfo("test-stream", 8, 8, FPS, RATE);
    static final List<BufferedImage> IMAGES = new ArrayList<>();

    static BufferedImage image(int i) {
        while (IMAGES.size() <= i) IMAGES.add(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB));
        return IMAGES.get(i);
    }

    static MediaEvent frame(int i) { return new MediaEvent.VideoFrame(image(i), i / FPS, System.nanoTime()); }

    /** Chunk k: samples k * CHUNK .. (k + 1) * CHUNK - 1, each equal to its index / 1e6. */
    static MediaEvent chunk(int k) {
        float[] s = new float[CHUNK];
        for (int i = 0; i < CHUNK; i++) s[i] = (k * CHUNK + i) / 1e6f;
        return new MediaEvent.AudioChunk(s, k * CHUNK / (double) RATE, System.nanoTime());
    }

    static WindowScheduler scheduler(int hop, double limit) {
        return new WindowScheduler(INFO, 30, hop, RATE, 2.0, limit);
    }

    /** Frame i and chunk i interleaved (both cover [i / 25, (i + 1) / 25) s) for frames [from, to). */
    static void play(WindowScheduler s, List<WindowInput> out, int from, int to, boolean withSound) throws Exception {
        for (int i = from; i < to; i++) {
            s.accept(frame(i), out::add);
            if (withSound) s.accept(chunk(i), out::add);
        }
    }

    @Test
    void aWindowEveryHopWithItsOwnFramesAndSound() throws Exception {
        WindowScheduler s = scheduler(10, Double.POSITIVE_INFINITY);
        List<WindowInput> out = new ArrayList<>();
        play(s, out, 0, 90, true);
        s.finish(out::add);
        assertEquals(7, out.size(), "frames 0-29, 10-39, ..., 60-89");
        WindowAudio audio = new WindowAudio(RATE, RATE);
        for (int k = 0; k < out.size(); k++) {
            WindowInput w = out.get(k);
            assertEquals(k, w.index());
            assertEquals(k * 0.4, w.start(), 1e-9);
            assertEquals(k * 0.4 + 1.2, w.end(), 1e-9);
            for (int f = 0; f < 30; f++) assertSame(image(10 * k + f), w.frames().get(f), "window " + k + " frame " + f);
            float[] span = audio.span(w.audio(), w.start(), w.end());
            assertEquals(19200, span.length);
            for (int i = 0; i < span.length; i += 997) assertEquals((6400 * k + i) / 1e6f, span[i], "window " + k + " sample " + i);
        }
    }

    @Test
    void soundArrivingLateIsWaitedFor() throws Exception {
        WindowScheduler s = scheduler(10, Double.POSITIVE_INFINITY);
        List<WindowInput> out = new ArrayList<>();
        play(s, out, 0, 40, false);                    // 1.6 s of picture ahead of any sound: within the 2 s allowed
        assertEquals(0, out.size(), "no window before its sound");
        for (int k = 0; k < 41; k++) s.accept(chunk(k), out::add);   // a window waits for its end (and a sample past it)
        assertEquals(2, out.size(), "frames 0-29 and 10-39 once the sound has caught up");
        assertEquals(List.of(0L, 1L), out.stream().map(WindowInput::index).toList());
    }

    @Test
    void soundThatStopsIsAnErrorAfterTheWindowsBeforeIt() throws Exception {
        WindowScheduler s = scheduler(10, Double.POSITIVE_INFINITY);
        List<WindowInput> out = new ArrayList<>();
        StreamException e = assertThrows(StreamException.class, () -> {
            for (int i = 0; i < 200; i++) {
                s.accept(frame(i), out::add);
                if (i < 65) s.accept(chunk(i), out::add);   // sound for 2.6 s
            }
        });
        assertTrue(e.getMessage().startsWith("test-stream: the sound stops at 2.600 s while the video goes on to 4.6"), e.getMessage());
        assertEquals(4, out.size(), "windows ending at 1.2, 1.6, 2.0 and 2.4 s");
    }

    @Test
    void soundEndingShortlyBeforeTheStreamIsPaddedWithSilence() throws Exception {
        WindowScheduler s = scheduler(10, Double.POSITIVE_INFINITY);
        List<WindowInput> out = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            s.accept(frame(i), out::add);
            if (i < 80) s.accept(chunk(i), out::add);   // the sound ends 0.4 s before the picture
        }
        assertEquals(5, out.size());
        s.finish(out::add);
        assertEquals(7, out.size());
        float[] last = new WindowAudio(RATE, RATE).span(out.get(6).audio(), 2.4, 3.6);
        assertEquals((80 * CHUNK - 1) / 1e6f, last[80 * CHUNK - 1 - 38400], "the last sample heard");
        assertEquals(0f, last[80 * CHUNK - 38400], "silence after it");
    }

    @Test
    void theTimeLimitEndsTheStreamAfterTheWindowsBeforeIt() throws Exception {
        WindowScheduler s = scheduler(10, 2.0);
        List<WindowInput> out = new ArrayList<>();
        play(s, out, 0, 60, true);
        assertTrue(s.done());
        assertEquals(List.of(1.2, 1.6, 2.0), out.stream().map(w -> Math.round(w.end() * 10) / 10.0).toList());
        StreamException tooShort = assertThrows(StreamException.class, () -> {
            WindowScheduler t = scheduler(10, 1.0);
            play(t, new ArrayList<>(), 0, 40, true);
            t.finish(w -> { });
        });
        assertTrue(tooShort.getMessage().contains("ended after 25 frames (--duration), fewer than the 30 of one window"), tooShort.getMessage());
    }

    @Test
    void aHopLongerThanTheWindowSkipsTheFramesBetween() throws Exception {
        WindowScheduler s = new WindowScheduler(INFO, 30, 45, 0, 2.0, Double.POSITIVE_INFINITY);   // a model without sound
        List<WindowInput> out = new ArrayList<>();
        play(s, out, 0, 100, false);
        s.finish(out::add);
        assertEquals(List.of(0.0, 1.8), out.stream().map(WindowInput::start).toList());
        assertSame(image(45), out.get(1).frames().get(0));
        assertNull(out.get(0).audio(), "a model that reads no sound gets none");
    }

    @Test
    void ringsOverwriteOrRefuseInsteadOfGrowing() {
        SampleRing samples = new SampleRing(100);
        samples.silenceUntil(50);
        samples.append(new float[] {1, 2, 3}, 0, 3);
        assertEquals(53, samples.end());
        float[] head = samples.copy(-2, 6);
        assertEquals(0f, head[0], "before the track: silence");
        samples.append(new float[150], 0, 150);
        assertEquals(203, samples.end());
        assertThrows(IllegalStateException.class, () -> samples.copy(50, 3), "overwritten samples cannot be read");
        assertEquals(0f, samples.copy(203, 2)[1], "past what arrived: silence");

        FrameRing frames = new FrameRing(2);
        frames.add((MediaEvent.VideoFrame) frame(0));
        frames.add((MediaEvent.VideoFrame) frame(1));
        assertThrows(IllegalStateException.class, () -> frames.add((MediaEvent.VideoFrame) frame(2)));
        frames.releaseBefore(1);
        assertEquals(2, frames.add((MediaEvent.VideoFrame) frame(2)));
        assertThrows(IndexOutOfBoundsException.class, () -> frames.get(0));
    }
}
