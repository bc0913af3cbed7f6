package tandem.emotion.explain;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import tandem.emotion.report.Plots;
import tandem.emotion.video.ClipSampler;
import tandem.nn.io.AtomicFiles;
import tandem.tensor.Tensor;

/**
 * The class-map head's maps over the input frames: one row per class, one column per time step of the maps, each
 * cell the frame at the centre of that step with the class's map (mean over channels) blended over it in red.
 * <p>
 * All maps share one min-max normalisation, so a cell's redness compares across classes and moments: the class the
 * model favours glows where and when it does. Normalising each map on its own would make every row look equally sure.
 * At the small presets the final maps are 1 x 1 in space, so a cell is tinted uniformly and the figure shows
 * <em>when</em> rather than <em>where</em>.
 */
final class ClassMapGrid {
    static final int CELL = 96, LABEL_WIDTH = 150, HEADER = 24;
    static final double ALPHA = 0.6;

    private ClassMapGrid() {}

    /**
     * @param maps    tap {@code video_head.class_maps} (1, C, T, H, W)
     * @param segment the sub-segment's decoded frames, all of them
     * @param inputFrames how many of them the model was fed ({@link ClipSampler}'s uniform pick)
     */
    static BufferedImage render(Tensor maps, List<BufferedImage> segment, int inputFrames, List<String> classes, double[] probabilities,
                                TimeAxis axis) {
        int[] s = maps.shape();
        if (s.length != 5 || s[1] != classes.size()) {
            throw new IllegalArgumentException("class maps must be (1, " + classes.size() + ", T, H, W), got " + Arrays.toString(s));
        }
        int c = s[1], t = s[2], h = s[3], w = s[4];
        double[] v = normalised(maps.toDoubleArray());
        int[] inputPick = ClipSampler.uniformIndices(segment.size(), inputFrames);   // what the model saw
        int[] stepPick = ClipSampler.uniformIndices(inputFrames, t);                 // the input frame at each step's centre

        BufferedImage out = new BufferedImage(LABEL_WIDTH + t * CELL, HEADER + c * CELL, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int step = 0; step < t; step++) {
            g.drawString(String.format(Locale.ROOT, "%.2f s", axis.centre(step)), LABEL_WIDTH + step * CELL + 4, HEADER - 8);
        }
        for (int cls = 0; cls < c; cls++) {
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%s  p=%.2f", classes.get(cls), probabilities[cls]), 6, HEADER + cls * CELL + CELL / 2);
            for (int step = 0; step < t; step++) {
                BufferedImage frame = square(segment.get(inputPick[stepPick[step]]));
                double[][] map = new double[h][w];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) map[y][x] = v[(((cls * t) + step) * h + y) * w + x];
                }
                g.drawImage(Plots.overlay(frame, map, ALPHA), LABEL_WIDTH + step * CELL, HEADER + cls * CELL, null);
            }
        }
        g.dispose();
        return out;
    }

    static void write(BufferedImage image, Path png) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        AtomicFiles.writeVia(png, temp -> {
            if (!ImageIO.write(image, "png", temp.toFile())) throw new IOException(png + ": no PNG writer available");
        });
    }

    // min-max over every class, step and pixel together; a constant map becomes all zeros
    static double[] normalised(double[] v) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double[] out = new double[v.length];
        if (max > min) for (int i = 0; i < v.length; i++) out[i] = (v[i] - min) / (max - min);
        return out;
    }

    // the centred square the model's crop takes, scaled to one cell
    private static BufferedImage square(BufferedImage frame) {
        int side = Math.min(frame.getWidth(), frame.getHeight());
        int x0 = (frame.getWidth() - side) / 2, y0 = (frame.getHeight() - side) / 2;
        BufferedImage out = new BufferedImage(CELL, CELL, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(frame, 0, 0, CELL, CELL, x0, y0, x0 + side, y0 + side, null);
        g.dispose();
        return out;
    }
}
