package tandem.emotion.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSequenceReaderTest {
    @TempDir Path dir;

    private void writeFrames(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            // Unpadded numbers: "frame_10" must come after "frame_9", not after "frame_1".
            ImageIO.write(TestFrames.indexed(i, 32, 24), "png", dir.resolve("frame_" + (i + 1) + ".png").toFile());
        }
        Files.writeString(dir.resolve("notes.txt"), "not a frame");
    }

    @Test
    void ordersFramesByNumberAndReadsByTime() throws IOException {
        writeFrames(12);
        ImageSequenceReader reader = ImageSequenceReader.open(dir, 10);
        assertEquals(12, reader.frameCount());
        assertEquals(1.2, reader.durationSeconds(), 1e-12);
        assertEquals("frame_10.png", reader.frameFiles().get(9).getFileName().toString());
        List<BufferedImage> frames = reader.readFrames(0.5, 0.9); // frames 5, 6, 7, 8
        assertEquals(4, frames.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(6 * (5 + i), TestFrames.backgroundRed(frames.get(i)));
            assertEquals(BufferedImage.TYPE_INT_RGB, frames.get(i).getType());
        }
        assertEquals(12, reader.readAll().size());
    }

    @Test
    void emptyFolderIsRejected() {
        MediaFileException e = assertThrows(MediaFileException.class, () -> ImageSequenceReader.open(dir, 25));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("no .png"), e.getMessage());
    }

    @Test
    void missingFolderIsRejected() {
        Path missing = dir.resolve("absent");
        MediaFileException e = assertThrows(MediaFileException.class, () -> ImageSequenceReader.open(missing, 25));
        assertTrue(e.getMessage().contains("absent") && e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void duplicateFrameNumbersAreRejected() throws IOException {
        ImageIO.write(TestFrames.indexed(0, 16, 16), "png", dir.resolve("a_7.png").toFile());
        ImageIO.write(TestFrames.indexed(1, 16, 16), "png", dir.resolve("b_007.png").toFile());
        MediaFileException e = assertThrows(MediaFileException.class, () -> ImageSequenceReader.open(dir, 25));
        assertTrue(e.getMessage().contains("same number 7"), e.getMessage());
    }

    @Test
    void undecodableFrameIsNamed() throws IOException {
        writeFrames(3);
        Files.writeString(dir.resolve("frame_4.png"), "this is not a png");
        ImageSequenceReader reader = ImageSequenceReader.open(dir, 25);
        MediaFileException e = assertThrows(MediaFileException.class, reader::readAll);
        assertTrue(e.getMessage().contains("frame_4.png"), e.getMessage());
    }
}
