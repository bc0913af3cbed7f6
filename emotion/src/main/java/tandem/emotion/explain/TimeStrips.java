package tandem.emotion.explain;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import tandem.nn.io.AtomicFiles;

/**
 * The pieces of the static figures that share one time axis, drawn with Java2D: a frame cut to the model's square
 * crop, the waveform, the MFCC, and colour bars. A strip given the x range of some columns of time steps spans
 * exactly the seconds those columns span, so the frames, the sound and the maps line up one under another.
 */
final class TimeStrips {
    /** The colour ramps of the teaching page too: white to blue for magnitudes, blue - white - red around 0. */
    static final Color[] SEQUENTIAL = {new Color(247, 251, 255), new Color(198, 219, 239), new Color(107, 174, 214), new Color(33, 113, 181),
        new Color(8, 48, 107)};
    static final Color[] DIVERGING = {new Color(33, 102, 172), new Color(146, 197, 222), new Color(247, 247, 247), new Color(244, 165, 130),
        new Color(178, 24, 43)};
    static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final int WAVE_HEIGHT = 64, MFCC_HEIGHT = 78, GAP = 8;
    static final String MFCC_SCALE = "MFCC, each coefficient on its own scale";

    private TimeStrips() {}

    static Graphics2D canvas(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setFont(FONT);
        return g;
    }

    /** The colour at {@code f} in [0, 1] along the stops. */
    static Color ramp(Color[] stops, double f) {
        double x = Math.max(0, Math.min(1, f)) * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) Math.floor(x));
        double t = x - i;
        Color a = stops[i], b = stops[i + 1];
        return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t), (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }

    /** The centred square the model's crop takes, scaled to {@code side} pixels. */
    static BufferedImage square(BufferedImage frame, int side) {
        int crop = Math.min(frame.getWidth(), frame.getHeight());
        int x0 = (frame.getWidth() - crop) / 2, y0 = (frame.getHeight() - crop) / 2;
        BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(frame, 0, 0, side, side, x0, y0, x0 + crop, y0 + crop, null);
        g.dispose();
        return out;
    }

    /**
     * The sound of the sub-segment under the frames: its waveform, then its MFCC (the model's audio input), both over
     * [x, x + w), labelled at {@code labelX}. Returns the height drawn.
     */
    static int sound(Graphics2D g, ClipMedia media, int labelX, int x, int y, int w) {
        g.setColor(Color.BLACK);
        g.drawString("waveform", labelX, y + WAVE_HEIGHT / 2 + 4);
        waveform(g, media, x, y, w, WAVE_HEIGHT);
        int my = y + WAVE_HEIGHT + GAP;
        g.setColor(Color.BLACK);
        g.drawString("MFCC (" + media.mfcc().length + " coeff.)", labelX, my + MFCC_HEIGHT / 2 + 4);
        mfcc(g, media.mfcc(), x, my, w, MFCC_HEIGHT);
        return WAVE_HEIGHT + GAP + MFCC_HEIGHT;
    }

    /** The waveform's envelope over [x, x + w): one vertical line per pixel from the lowest to the highest sample. */
    static void waveform(Graphics2D g, ClipMedia media, int x, int y, int w, int h) {
        double[][] env = media.envelope(w);
        double peak = 1e-9;
        for (int i = 0; i < w; i++) peak = Math.max(peak, Math.max(-env[0][i], env[1][i]));
        g.setColor(new Color(240, 244, 248));
        g.fillRect(x, y, w, h);
        g.setColor(new Color(31, 111, 178));
        int mid = y + h / 2;
        for (int i = 0; i < w; i++) {
            g.drawLine(x + i, mid - (int) Math.round(env[1][i] / peak * (h / 2 - 1)), x + i, mid - (int) Math.round(env[0][i] / peak * (h / 2 - 1)));
        }
    }

    /**
     * The MFCC (coefficients, steps) over [x, x + w), coefficient 0 at the top, each coefficient on its own scale from
     * its lowest to its highest value: coefficient 0 (the log energy) is hundreds below the others, and on one shared
     * scale it would leave the rest a single colour.
     */
    static void mfcc(Graphics2D g, double[][] mfcc, int x, int y, int w, int h) {
        int rows = mfcc.length, cols = mfcc[0].length;
        for (int r = 0; r < rows; r++) {
            double[] range = range(new double[][] {mfcc[r]});
            for (int c = 0; c < cols; c++) {
                g.setColor(ramp(SEQUENTIAL, (mfcc[r][c] - range[0]) / (range[1] - range[0])));
                int x0 = x + c * w / cols, y0 = y + r * h / rows;
                g.fillRect(x0, y0, x + (c + 1) * w / cols - x0, y + (r + 1) * h / rows - y0);
            }
        }
    }

    /** A horizontal colour bar with its two ends labelled, and 0 when the scale crosses it away from the ends. */
    static void colourBar(Graphics2D g, Color[] colours, double lo, double hi, String title, int x, int y, int w) {
        int zero = (int) Math.round(w * -lo / (hi - lo));
        colourBar(g, colours, number(lo), number(hi), lo < 0 && hi > 0 && zero > 40 && zero < w - 40 ? zero : -1, title, x, y, w);
    }

    /** A horizontal colour bar with the given end labels; a "0" at {@code zeroAt} pixels from its left end unless that is negative. */
    static void colourBar(Graphics2D g, Color[] colours, String low, String high, int zeroAt, String title, int x, int y, int w) {
        for (int i = 0; i < w; i++) {
            g.setColor(ramp(colours, (double) i / (w - 1)));
            g.drawLine(x + i, y, x + i, y + 12);
        }
        g.setColor(Color.GRAY);
        g.drawRect(x, y, w - 1, 12);
        g.setColor(Color.BLACK);
        g.drawString(title, x, y - 4);
        g.drawString(low, x, y + 26);
        g.drawString(high, x + w - g.getFontMetrics().stringWidth(high), y + 26);
        if (zeroAt >= 0) g.drawString("0", x + zeroAt - 3, y + 26);
    }

    /** {min, max} of a matrix; a constant one gets max = min + 1, so a scale never divides by 0. */
    static double[] range(double[][] m) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] row : m) for (double v : row) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new double[] {lo, hi > lo ? hi : lo + 1};
    }

    static String number(double v) {
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a != 0 && (a < 1e-3 || a >= 1e4) ? "%.2e" : "%.3f", v);
    }

    static void write(BufferedImage image, Path png) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        AtomicFiles.writeVia(png, temp -> {
            if (!ImageIO.write(image, "png", temp.toFile())) throw new IOException(png + ": no PNG writer available");
        });
    }
}
