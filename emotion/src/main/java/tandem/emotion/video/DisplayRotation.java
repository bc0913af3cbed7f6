package tandem.emotion.video;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A container's display matrix turned into the quarter turn that shows its frames upright. Phones store portrait
 * video sideways and record in the stream's display matrix how to turn it for display; players apply it, and so does
 * Tandem, the way FFmpeg's own {@code -autorotate} does: the matrix's angle (FFmpeg's {@code av_display_rotation_get},
 * counterclockwise degrees, which JavaCV reports as {@code getDisplayRotation()}) is the counterclockwise turn to apply.
 * A phone's "rotate 90" portrait clip carries -90, and its frames are turned 90 degrees clockwise.
 *
 * <p>Only quarter turns are applied. A mirrored matrix is turned like its unmirrored rotation; its mirror is not
 * applied (the face then looks the other way, which a face-emotion model should not mind).
 */
public final class DisplayRotation {
    /** How far (degrees) from a quarter turn an angle may be and still count as one, as in FFmpeg. */
    private static final double SLACK_DEGREES = 2;

    private DisplayRotation() {}

    /**
     * The clockwise turn in {0, 90, 180, 270} that shows the frames upright, from the matrix's counterclockwise
     * {@code angle} (NaN, for a missing or singular matrix, means none).
     */
    static int clockwiseDegrees(Path file, double angle) throws MediaFileException {
        int turn = clockwiseQuarterTurn(angle);
        if (turn < 0) {
            double clockwise = -angle - 360 * Math.floor(-angle / 360);
            throw new MediaFileException(file, String.format(Locale.ROOT,
                    "its display matrix asks for a rotation by %.1f degrees; only quarter turns (0, 90, 180, 270) can be applied",
                    clockwise));
        }
        return turn;
    }

    /** As {@link #clockwiseDegrees}, but -1 for an angle that is no quarter turn instead of an error. */
    public static int clockwiseQuarterTurn(double angle) {
        if (Double.isNaN(angle)) return 0;
        double clockwise = -angle;
        clockwise -= 360 * Math.floor(clockwise / 360);          // [0, 360)
        long quarter = Math.round(clockwise / 90);
        if (Math.abs(clockwise - 90 * quarter) > SLACK_DEGREES) return -1;
        return (int) (90 * (quarter % 4));
    }

    /** {@code image} turned {@code clockwise} degrees (a quarter-turn multiple); the image itself when 0. */
    public static BufferedImage rotate(BufferedImage image, int clockwise) {
        if (clockwise == 0) return image;
        int w = image.getWidth(), h = image.getHeight();
        boolean quarter = clockwise == 90 || clockwise == 270;
        int ow = quarter ? h : w, oh = quarter ? w : h;
        int[] src = image.getRGB(0, 0, w, h, null, 0, w);
        int[] dst = new int[src.length];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                // the source pixel that lands at (x, y) of the turned image
                int sx, sy;
                switch (clockwise) {
                    case 90 -> { sx = y; sy = h - 1 - x; }
                    case 180 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 270 -> { sx = w - 1 - y; sy = x; }
                    default -> throw new IllegalArgumentException("rotate: " + clockwise + " is not a quarter turn");
                }
                dst[y * ow + x] = src[sy * w + sx];
            }
        }
        BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, ow, oh, dst, 0, ow);
        return out;
    }
}
