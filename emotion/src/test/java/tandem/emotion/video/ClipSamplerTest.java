package tandem.emotion.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipSamplerTest {
    private static final double ATOL = 1e-5;
    private static final double RTOL = 1e-5;

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= ATOL + RTOL * Math.abs(expected),
                what + ": expected " + expected + ", got " + actual);
    }

    private static BufferedImage grey(int w, int h, int level) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) image.setRGB(x, y, level << 16 | level << 8 | level);
        return image;
    }

    @Test
    void picksTheCentreOfEqualSlices() {
        assertArrayEquals(new int[] {0, 1, 2, 3}, ClipSampler.uniformIndices(4, 4));
        assertArrayEquals(new int[] {1, 4, 7}, ClipSampler.uniformIndices(9, 3));
        int[] thirty = ClipSampler.uniformIndices(90, 30);
        assertEquals(30, thirty.length);
        assertEquals(1, thirty[0]);
        assertEquals(88, thirty[29]);
    }

    @Test
    void laysOutChannelsThenFramesAndNormalises() {
        // Frame i is a flat grey of level 10 * i; 6 frames sampled down to 3 picks frames 1, 3, 5.
        List<BufferedImage> frames = new ArrayList<>();
        for (int i = 0; i < 6; i++) frames.add(grey(10, 6, 10 * i));
        ClipSampler sampler = new ClipSampler(3, 4, 5);
        float[] out = sampler.sample(frames);
        assertEquals(3 * 3 * 4 * 5, out.length);
        int[] picked = {1, 3, 5};
        for (int c = 0; c < 3; c++) {
            for (int t = 0; t < 3; t++) {
                double expected = (10 * picked[t] / 255.0 - ClipSampler.IMAGENET_MEAN[c]) / ClipSampler.IMAGENET_STD[c];
                for (int p = 0; p < 20; p++) {
                    assertClose(expected, out[(c * 3 + t) * 20 + p], "c=" + c + " t=" + t + " p=" + p);
                }
            }
        }
    }

    @Test
    void cropsTheCentreSquareAndResizesBilinearly() {
        // 8x4 frame: two red columns, four columns of a horizontal ramp, two blue columns.
        BufferedImage image = new BufferedImage(8, 4, BufferedImage.TYPE_INT_RGB);
        int[] ramp = {0, 40, 80, 120};
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 8; x++) {
                int rgb = x < 2 ? 0xff0000 : x >= 6 ? 0x0000ff : ramp[x - 2] << 8;
                image.setRGB(x, y, rgb);
            }
        }
        ClipSampler sampler = new ClipSampler(1, 2, 2, new float[] {0, 0, 0}, new float[] {1, 1, 1});
        float[] out = sampler.sample(List.of(image));
        // Output pixel centres fall halfway between source columns 0|1 and 2|3 of the crop.
        double left = (ramp[0] + ramp[1]) / 2.0 / 255;
        double right = (ramp[2] + ramp[3]) / 2.0 / 255;
        int plane = 4;
        for (int y = 0; y < 2; y++) {
            assertClose(0, out[y * 2], "red, left");      // no red: the red border was cropped away
            assertClose(left, out[plane + y * 2], "green, left");
            assertClose(right, out[plane + y * 2 + 1], "green, right");
            assertClose(0, out[2 * plane + y * 2 + 1], "blue, right");
        }
    }

    @Test
    void tooFewFramesNamesTheSource(@TempDir Path dir) throws IOException {
        for (int i = 0; i < 20; i++) ImageIO.write(grey(8, 8, i), "png", dir.resolve(i + ".png").toFile());
        ImageSequenceReader source = ImageSequenceReader.open(dir, 25);
        ClipSampler sampler = new ClipSampler(30, 8, 8);
        MediaFileException e = assertThrows(MediaFileException.class, () -> sampler.sample(source, 0, 10));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("holds 20 frames")
                && e.getMessage().contains("needs 30"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sampler.sample(source.readAll()));
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new ClipSampler(0, 8, 8));
        assertThrows(IllegalArgumentException.class, () -> new ClipSampler(4, 8, 8, new float[] {0, 0}, new float[] {1, 1, 1}));
        assertThrows(IllegalArgumentException.class, () -> new ClipSampler(4, 8, 8, new float[] {0, 0, 0}, new float[] {1, 0, 1}));
    }
}
