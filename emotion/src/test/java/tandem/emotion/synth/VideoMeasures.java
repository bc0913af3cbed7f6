package tandem.emotion.synth;

import java.awt.image.BufferedImage;
import java.util.List;

/** Independent measurements on decoded frames. */
final class VideoMeasures {
    private VideoMeasures() {}

    static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static double luma(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
    }

    static double spatialStd(BufferedImage image) {
        int[] px = pixels(image);
        double sum = 0;
        double sq = 0;
        for (int p : px) {
            double l = luma(p);
            sum += l;
            sq += l * l;
        }
        double mean = sum / px.length;
        return Math.sqrt(Math.max(0, sq / px.length - mean * mean));
    }

    /** Per-pixel standard deviation of luma over time, averaged over the frame. */
    static double meanTemporalStd(List<BufferedImage> frames) {
        int n = frames.get(0).getWidth() * frames.get(0).getHeight();
        double[] sum = new double[n];
        double[] sq = new double[n];
        for (BufferedImage f : frames) {
            int[] px = pixels(f);
            for (int i = 0; i < n; i++) {
                double l = luma(px[i]);
                sum[i] += l;
                sq[i] += l * l;
            }
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            double mean = sum[i] / frames.size();
            total += Math.sqrt(Math.max(0, sq[i] / frames.size() - mean * mean));
        }
        return total / n;
    }

    /**
     * Pixels of the dark red mouth interior in the lower middle of the frame: dark, clearly red,
     * with little green, which neither skin tones, lips, hair nor the nose shadow are.
     */
    static int mouthInteriorPixels(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int count = 0;
        for (int y = (int) (0.62 * h); y < (int) (0.88 * h); y++) {
            for (int x = (int) (0.28 * w); x < (int) (0.72 * w); x++) {
                int p = image.getRGB(x, y);
                int r = (p >> 16) & 0xff;
                int g = (p >> 8) & 0xff;
                if (r < 120 && g < 45 && r - g > 30) count++;
            }
        }
        return count;
    }

    static double correlation(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
