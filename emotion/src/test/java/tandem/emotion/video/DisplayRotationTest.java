package tandem.emotion.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The display matrix's angle becomes the clockwise quarter turn FFmpeg's {@code -autorotate} applies, turning moves
 * every pixel where it should, and a video written with a display matrix is read back upright, with its shown size.
 */
class DisplayRotationTest {
    static final Path FILE = Path.of("clip.mp4");

    @Test void theMatrixAngleIsTheCounterclockwiseTurnToApply() throws MediaFileException {
        assertEquals(0, DisplayRotation.clockwiseDegrees(FILE, 0));
        assertEquals(0, DisplayRotation.clockwiseDegrees(FILE, Double.NaN), "a singular matrix turns nothing");
        assertEquals(90, DisplayRotation.clockwiseDegrees(FILE, -90), "a phone's portrait clip");
        assertEquals(270, DisplayRotation.clockwiseDegrees(FILE, 90));
        assertEquals(180, DisplayRotation.clockwiseDegrees(FILE, 180));
        assertEquals(180, DisplayRotation.clockwiseDegrees(FILE, -180));
        assertEquals(90, DisplayRotation.clockwiseDegrees(FILE, -89.2), "fixed-point matrices round near a quarter turn");
        MediaFileException odd = assertThrows(MediaFileException.class, () -> DisplayRotation.clockwiseDegrees(FILE, -30));
        assertTrue(odd.getMessage().startsWith("clip.mp4: ") && odd.getMessage().contains("30.0 degrees"), odd.getMessage());
    }

    @Test void turningMovesEveryPixelToItsPlace() {
        // 3 wide, 2 high: pixel value = 10 * row + column
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 2; y++) for (int x = 0; x < 3; x++) image.setRGB(x, y, 10 * y + x);
        assertPixels(new int[][] {{10, 0}, {11, 1}, {12, 2}}, DisplayRotation.rotate(image, 90));
        assertPixels(new int[][] {{12, 11, 10}, {2, 1, 0}}, DisplayRotation.rotate(image, 180));
        assertPixels(new int[][] {{2, 12}, {1, 11}, {0, 10}}, DisplayRotation.rotate(image, 270));
        assertEquals(image, DisplayRotation.rotate(image, 0));
    }

    @Test void aSidewaysVideoWithItsDisplayMatrixIsReadUpright(@TempDir Path dir) throws IOException {
        // upright: 32 wide, 48 high, a bright top-left quadrant that moves down the frames
        List<BufferedImage> upright = new ArrayList<>(), sideways = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            BufferedImage f = new BufferedImage(32, 48, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 24; y++) for (int x = 0; x < 16; x++) f.setRGB(x, Math.min(47, y + i), 0xF0F0F0);
            upright.add(f);
            sideways.add(DisplayRotation.rotate(f, 270));      // stored as a phone sensor records portrait video
        }
        Path phone = TestMedia.writeVideo(dir.resolve("phone.mp4"), sideways, 25, -90);
        try (VideoReader reader = VideoReader.open(phone)) {
            VideoInfo info = reader.info();
            assertEquals(90, info.rotation());
            assertEquals(32, info.width(), "the shown width");
            assertEquals(48, info.height(), "the shown height");
            List<BufferedImage> read = reader.readAll();
            assertEquals(10, read.size());
            for (int i = 0; i < read.size(); i++) {
                BufferedImage r = read.get(i);
                assertEquals(32, r.getWidth());
                assertEquals(48, r.getHeight());
                // inside the bright quadrant and far from it, despite the codec's blur at its edges
                assertTrue(gray(r.getRGB(6, 12 + i / 2)) > 200, "frame " + i + " bright at the top left");
                assertTrue(gray(r.getRGB(26, 40)) < 60, "frame " + i + " dark at the bottom right");
            }
        }
    }

    private static int gray(int rgb) {
        return ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3;
    }

    private static void assertPixels(int[][] expected, BufferedImage image) {
        assertEquals(expected.length, image.getHeight());
        assertEquals(expected[0].length, image.getWidth());
        for (int y = 0; y < expected.length; y++) {
            for (int x = 0; x < expected[0].length; x++) assertEquals(expected[y][x], image.getRGB(x, y) & 0xffffff, "pixel (" + x + ", " + y + ")");
        }
    }
}
