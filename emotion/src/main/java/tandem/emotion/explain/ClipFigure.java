package tandem.emotion.explain;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/** {@code clip.png}: the frames the model was fed and, under them over the same seconds, the waveform and the MFCC. */
final class ClipFigure {
    static final int FRAME = 72, HEADER = 40, FOOTER = 56;

    private ClipFigure() {}

    static BufferedImage render(ClipMedia media, int inputFrames) {
        List<BufferedImage> frames = media.picked(inputFrames);
        int n = frames.size(), width = ClassMapGrid.LABEL_WIDTH + n * FRAME + 12;
        int height = HEADER + FRAME + TimeStrips.GAP + TimeStrips.WAVE_HEIGHT + TimeStrips.GAP + TimeStrips.MFCC_HEIGHT + FOOTER;
        TimeAxis axis = new TimeAxis(media.segment().start(), media.segment().end(), n);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = TimeStrips.canvas(out);
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, "Sub-segment %.2f s to %.2f s: the %d frames the model saw, its sound and the MFCC it was fed, on one time axis.",
                axis.start(), axis.end(), n), 6, 16);
        int every = Math.max(1, (int) Math.ceil(n / 8.0));
        for (int i = 0; i < n; i += every) g.drawString(String.format(Locale.ROOT, "%.2f s", axis.centre(i)), ClassMapGrid.LABEL_WIDTH + i * FRAME + 2, HEADER - 6);
        g.drawString("frames", 6, HEADER + FRAME / 2 + 4);
        for (int i = 0; i < n; i++) g.drawImage(TimeStrips.square(frames.get(i), FRAME), ClassMapGrid.LABEL_WIDTH + i * FRAME, HEADER, null);
        int y = HEADER + FRAME + TimeStrips.GAP;
        y += TimeStrips.sound(g, media, 6, ClassMapGrid.LABEL_WIDTH, y, n * FRAME) + 26;
        TimeStrips.colourBar(g, TimeStrips.SEQUENTIAL, "its lowest", "its highest", -1, TimeStrips.MFCC_SCALE, ClassMapGrid.LABEL_WIDTH, y, 200);
        g.dispose();
        return out;
    }
}
