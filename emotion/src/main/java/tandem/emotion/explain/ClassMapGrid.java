package tandem.emotion.explain;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tandem.tensor.Tensor;

/**
 * The class-map head's maps over the clip, one column per time step of the maps, on the clip's time axis: a row of
 * the frames at each step's centre, one row per class, a row with the mean of the classes, then the waveform and the
 * MFCC over the same seconds, and colour bars for every scale.
 * <p>
 * Scales, as the figure states them: a class row shows that class's map (mean over channels) minus the mean of all
 * C class maps at the same step and pixel, red above and blue below, on one symmetric scale shared by every class.
 * The class maps are one feature map gated per class (eq. 7), so they share most of their shape; on a shared scale
 * of raw values every row looked alike. Their differences are what the classifier decides on, and are what this
 * grid shows; the common part is the mean row, on its own scale.
 */
final class ClassMapGrid {
    static final int CELL = 96, LABEL_WIDTH = 150, HEADER = 58, FOOTER = 64;
    static final double ALPHA = 0.65;
    private static final Color ABOVE = new Color(214, 0, 0), BELOW = new Color(0, 84, 214);

    private ClassMapGrid() {}

    static int width(int steps) { return LABEL_WIDTH + steps * CELL + 12; }

    static int height(int classes) {
        return HEADER + (classes + 2) * CELL + TimeStrips.GAP + TimeStrips.WAVE_HEIGHT + TimeStrips.GAP + TimeStrips.MFCC_HEIGHT + FOOTER;
    }

    /**
     * @param maps        tap {@code video_head.class_maps} (1, C, T, H, W)
     * @param media       the sub-segment's frames and sound
     * @param inputFrames how many frames the model was fed
     */
    static BufferedImage render(Tensor maps, ClipMedia media, int inputFrames, List<String> classes, double[] probabilities, TimeAxis axis) {
        int[] s = maps.shape();
        if (s.length != 5 || s[1] != classes.size()) {
            throw new IllegalArgumentException("class maps must be (1, " + classes.size() + ", T, H, W), got " + Arrays.toString(s));
        }
        int c = s[1], t = s[2], plane = t * s[3] * s[4];
        double[] v = maps.toDoubleArray(), mean = new double[plane], deviation = new double[v.length];
        for (int k = 0; k < c; k++) for (int i = 0; i < plane; i++) mean[i] += v[k * plane + i] / c;
        double spread = 0, lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < c; k++) {
            for (int i = 0; i < plane; i++) {
                deviation[k * plane + i] = v[k * plane + i] - mean[i];
                spread = Math.max(spread, Math.abs(deviation[k * plane + i]));
            }
        }
        for (double m : mean) {
            lo = Math.min(lo, m);
            hi = Math.max(hi, m);
        }
        if (spread == 0) spread = 1;
        if (!(hi > lo)) hi = lo + 1;

        BufferedImage out = new BufferedImage(width(t), height(c), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = TimeStrips.canvas(out);
        g.setColor(Color.BLACK);
        g.drawString("Class maps (eq. 7), mean over channels; one column per time step of the video branch's final maps.", 6, 16);
        g.drawString(String.format(Locale.ROOT, "Class rows: the class's map minus the mean of the %d maps, red above, blue below, one scale for all"
                + " classes (+/- %s). Mean row: its own scale.", c, TimeStrips.number(spread)), 6, 32);
        for (int step = 0; step < t; step++) g.drawString(String.format(Locale.ROOT, "%.2f s", axis.centre(step)), LABEL_WIDTH + step * CELL + 4, HEADER - 6);

        List<BufferedImage> frames = media.atSteps(inputFrames, t);
        int y = HEADER;
        label(g, "frames", y);
        for (int step = 0; step < t; step++) g.drawImage(TimeStrips.square(frames.get(step), CELL), LABEL_WIDTH + step * CELL, y, null);
        for (int k = 0; k < c; k++) {
            y += CELL;
            label(g, String.format(Locale.ROOT, "%s  p=%.2f", classes.get(k), probabilities[k]), y);
            for (int step = 0; step < t; step++) drawCell(g, frames.get(step), deviation, k * plane, step, s, spread, y);
        }
        y += CELL;
        label(g, "mean of the " + c + " classes", y);
        double[] shifted = new double[plane];
        for (int i = 0; i < plane; i++) shifted[i] = (mean[i] - lo) / (hi - lo);
        for (int step = 0; step < t; step++) drawCell(g, frames.get(step), shifted, 0, step, s, 1, y);

        y += CELL + TimeStrips.GAP;
        y += TimeStrips.sound(g, media, 6, LABEL_WIDTH, y, t * CELL) + 26;
        TimeStrips.colourBar(g, tints(BELOW, ABOVE), -spread, spread, "class map - mean of classes", LABEL_WIDTH, y, 200);
        TimeStrips.colourBar(g, tints(Color.WHITE, ABOVE), lo, hi, "mean of classes", LABEL_WIDTH + 240, y, 160);
        TimeStrips.colourBar(g, TimeStrips.SEQUENTIAL, "its lowest", "its highest", -1, TimeStrips.MFCC_SCALE, LABEL_WIDTH + 440, y, 200);
        g.dispose();
        return out;
    }

    private static void label(Graphics2D g, String text, int rowTop) {
        g.setColor(Color.BLACK);
        g.drawString(text, 6, rowTop + CELL / 2 + 4);
    }

    // one cell: the frame tinted pixel by pixel from the map of (class offset, step), values in [-scale, scale]
    private static void drawCell(Graphics2D g, BufferedImage frame, double[] values, int offset, int step, int[] shape, double scale, int y) {
        int h = shape[3], w = shape[4];
        BufferedImage cell = TimeStrips.square(frame, CELL);
        for (int py = 0; py < CELL; py++) {
            for (int px = 0; px < CELL; px++) {
                double f = values[offset + (step * h + py * h / CELL) * w + px * w / CELL] / scale;
                cell.setRGB(px, py, blend(new Color(cell.getRGB(px, py)), f >= 0 ? ABOVE : BELOW, ALPHA * Math.min(1, Math.abs(f))).getRGB());
            }
        }
        g.drawImage(cell, LABEL_WIDTH + step * CELL, y, null);
    }

    // what a tint looks like over white: the colour bar's ramp from `low` through white (if different) to `high`
    private static Color[] tints(Color low, Color high) {
        Color lowTint = blend(Color.WHITE, low, ALPHA), highTint = blend(Color.WHITE, high, ALPHA);
        return low.equals(Color.WHITE) ? new Color[] {Color.WHITE, highTint} : new Color[] {lowTint, Color.WHITE, highTint};
    }

    private static Color blend(Color base, Color target, double a) {
        return new Color((int) Math.round(base.getRed() * (1 - a) + target.getRed() * a), (int) Math.round(base.getGreen() * (1 - a) + target.getGreen() * a),
                (int) Math.round(base.getBlue() * (1 - a) + target.getBlue() * a));
    }
}
