package tandem.emotion.video;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/** Frames whose content encodes their index, so tests can tell which frame they got back. */
final class TestFrames {
    private TestFrames() {}

    /** Flat background whose red level is 6 * index, with a white square that moves one pixel per frame. */
    static BufferedImage indexed(int index, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(Math.min(255, 6 * index), 90, 160));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillRect(index % (width - 8), height / 2, 8, 8);
        g.dispose();
        return image;
    }

    /** Red level of a pixel in the flat top-left area. */
    static int backgroundRed(BufferedImage image) {
        return (image.getRGB(2, 2) >> 16) & 0xff;
    }

    static boolean samePixels(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) return false;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) return false;
            }
        }
        return true;
    }
}
