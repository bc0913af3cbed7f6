package tandem.emotion.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoReaderTest {
    private static final int FRAMES = 40;
    private static final double FPS = 25;

    @TempDir static Path dir;
    private static Path video;

    @BeforeAll
    static void writeVideo() throws IOException {
        video = dir.resolve("indexed.mp4");
        try (VideoWriter out = VideoWriter.create(video, 64, 48, FPS)) {
            for (int i = 0; i < FRAMES; i++) out.write(TestFrames.indexed(i, 64, 48));
            out.finish();
        }
    }

    @Test
    void probesFrameCountRateAndSize() throws IOException {
        VideoInfo info = VideoReader.info(video);
        assertEquals(FRAMES, info.frameCount());
        assertEquals(FPS, info.fps(), 1e-9);
        assertEquals(FRAMES / FPS, info.durationSeconds(), 1e-9);
        assertEquals(64, info.width());
        assertEquals(48, info.height());
        assertEquals(VideoEncoder.best().isH264() ? "h264" : "mpeg4", info.codec());
    }

    @Test
    void decodesEveryFrameCloseToWhatWasEncoded() throws IOException {
        try (VideoReader reader = VideoReader.open(video)) {
            List<BufferedImage> frames = reader.readAll();
            assertEquals(FRAMES, frames.size());
            for (int i = 0; i < FRAMES; i++) {
                int expected = 6 * i;
                int got = TestFrames.backgroundRed(frames.get(i));
                // Lossy coding of a flat area: a few levels of error at most.
                assertTrue(Math.abs(got - expected) <= 6, "frame " + i + ": red " + got + ", encoded " + expected);
            }
        }
    }

    @Test
    void timeRangesSelectExactlyTheirFrames() throws IOException {
        try (VideoReader reader = VideoReader.open(video)) {
            List<BufferedImage> all = reader.readAll();
            List<BufferedImage> middle = reader.readFrames(0.4, 1.0); // frames 10..24
            assertEquals(15, middle.size());
            for (int i = 0; i < middle.size(); i++) {
                assertTrue(TestFrames.samePixels(all.get(10 + i), middle.get(i)), "frame " + (10 + i) + " differs after seek");
            }
            assertEquals(10, reader.readFrames(0, 0.4).size());
            assertEquals(FRAMES - 25, reader.readFrames(1.0, 100).size());
        }
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope.mp4");
        MediaFileException e = assertThrows(MediaFileException.class, () -> VideoReader.open(missing));
        assertTrue(e.getMessage().contains("nope.mp4") && e.getMessage().contains("not found"), e.getMessage());
        assertEquals(missing, e.file());
    }

    @Test
    void garbageIsRejectedWithTheFileName() throws IOException {
        Path garbage = dir.resolve("garbage.mp4");
        byte[] bytes = new byte[4096];
        Arrays.fill(bytes, (byte) 0x5a);
        Files.write(garbage, bytes);
        MediaFileException e = assertThrows(MediaFileException.class, () -> VideoReader.open(garbage));
        assertTrue(e.getMessage().contains("garbage.mp4") && e.getMessage().contains("cannot open"), e.getMessage());
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.mp4"));
        MediaFileException e = assertThrows(MediaFileException.class, () -> VideoReader.open(empty));
        assertTrue(e.getMessage().contains("empty.mp4") && e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void truncatedFileIsRejected() throws IOException {
        byte[] whole = Files.readAllBytes(video);
        Path truncated = dir.resolve("truncated.mp4");
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
        MediaFileException e = assertThrows(MediaFileException.class, () -> {
            try (VideoReader reader = VideoReader.open(truncated)) {
                reader.readAll();
            }
        });
        assertTrue(e.getMessage().contains("truncated.mp4"), e.getMessage());
    }

    @Test
    void writerWithoutFinishLeavesNothingBehind() throws IOException {
        Path target = dir.resolve("abandoned.mp4");
        try (VideoWriter out = VideoWriter.create(target, 32, 32, FPS)) {
            out.write(TestFrames.indexed(0, 32, 32));
        }
        assertFalse(Files.exists(target));
        assertFalse(Files.exists(dir.resolve(".abandoned.mp4.part")));
    }

    @Test
    void writerRejectsOddSizesAndWrongFrames() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> VideoWriter.create(dir.resolve("odd.mp4"), 33, 32, FPS));
        try (VideoWriter out = VideoWriter.create(dir.resolve("sized.mp4"), 32, 32, FPS)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> out.write(TestFrames.indexed(0, 64, 32)));
            assertTrue(e.getMessage().contains("64x32") && e.getMessage().contains("32x32"), e.getMessage());
        }
    }
}
