package tandem.emotion.synth;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * Draws a cartoon child's face with Java2D: head, hair, eyes with lids, brows, nose and mouth, placed
 * by the {@link Subject}'s proportions and posed by a {@link FaceState}. The face is centred and fills
 * most of the frame, which is what a face detector's crop would give. Geometry is computed in units
 * of the frame (0..1 both ways) and scaled once, so any frame size works.
 */
public final class FaceRenderer {
    private final Subject subject;
    private final int width;
    private final int height;
    private final Color background;
    private final Color shirt;

    public FaceRenderer(Subject subject, int width, int height, Color background, Color shirt) {
        if (width < 8 || height < 8) {
            throw new IllegalArgumentException("FaceRenderer: frame " + width + "x" + height + " is too small (min 8x8)");
        }
        this.subject = subject;
        this.width = width;
        this.height = height;
        this.background = background;
        this.shirt = shirt;
    }

    /** A new {@link BufferedImage#TYPE_INT_RGB} frame showing the face in state {@code s}. */
    public BufferedImage render(FaceState s) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(background);
            g.fillRect(0, 0, width, height);
            g.scale(width, height);
            drawShoulders(g, s);
            // Head pose: everything above the neck turns about the chin.
            g.translate(0.5 + s.headDx(), 0.52 + s.headDy());
            g.rotate(s.headRoll(), 0, subject.faceHeight() * 0.45);
            drawHead(g);
            drawEyes(g, s);
            drawBrows(g, s);
            drawNose(g);
            drawMouth(g, s);
        } finally {
            g.dispose();
        }
        return image;
    }

    private void drawShoulders(Graphics2D g, FaceState s) {
        double fw = subject.faceWidth();
        g.setColor(shade(subject.skin(), 0.85));
        g.fill(new Rectangle2D.Double(0.5 + s.headDx() * 0.5 - fw * 0.18, 0.75, fw * 0.36, 0.2));
        g.setColor(shirt);
        g.fill(new Ellipse2D.Double(0.5 - fw, 0.9, 2 * fw, 0.5));
    }

    private void drawHead(Graphics2D g) {
        double fw = subject.faceWidth();
        double fh = subject.faceHeight();
        g.setColor(subject.hair());
        g.fill(new Ellipse2D.Double(-fw * 0.56, -fh * 0.56, fw * 1.12, fh * 0.8));
        g.setColor(subject.skin());
        g.fill(new Ellipse2D.Double(-fw / 2, -fh / 2, fw, fh));
        // Fringe: the hair ellipse again, clipped to the top of the face.
        Shape oldClip = g.getClip();
        g.clip(new Rectangle2D.Double(-fw, -fh, 2 * fw, fh * 0.72));
        g.setColor(subject.hair());
        g.fill(new Ellipse2D.Double(-fw * 0.52, -fh * 0.62, fw * 1.04, fh * 0.5));
        g.setClip(oldClip);
    }

    private double eyeY() { return -0.04 * subject.faceHeight(); }

    private double eyeRadius() { return subject.eyeSize() * subject.faceWidth(); }

    private void drawEyes(Graphics2D g, FaceState s) {
        double r = eyeRadius();
        double ry = 0.7 * r;
        for (int side = -1; side <= 1; side += 2) {
            double cx = side * subject.eyeSpacing() * subject.faceWidth() / 2;
            Ellipse2D eye = new Ellipse2D.Double(cx - r, eyeY() - ry, 2 * r, 2 * ry);
            Shape oldClip = g.getClip();
            g.clip(eye);
            g.setColor(new Color(250, 250, 248));
            g.fill(eye);
            g.setColor(subject.iris());
            g.fill(new Ellipse2D.Double(cx - 0.55 * r, eyeY() - 0.55 * r, 1.1 * r, 1.1 * r));
            g.setColor(new Color(15, 12, 10));
            g.fill(new Ellipse2D.Double(cx - 0.25 * r, eyeY() - 0.25 * r, 0.5 * r, 0.5 * r));
            // The upper lid comes down over the eye as it closes.
            double lid = (1 - clamp01(s.eyeOpen())) * 2 * ry;
            g.setColor(shade(subject.skin(), 0.92));
            g.fill(new Rectangle2D.Double(cx - r, eyeY() - ry, 2 * r, lid));
            g.setClip(oldClip);
            g.setColor(shade(subject.skin(), 0.55));
            g.setStroke(new BasicStroke((float) (0.012 * subject.faceWidth())));
            g.draw(new Line2D.Double(cx - r, eyeY() - ry + lid, cx + r, eyeY() - ry + lid));
        }
    }

    private void drawBrows(Graphics2D g, FaceState s) {
        double r = eyeRadius();
        double y = eyeY() - 1.6 * r - s.browRaise() * r;
        g.setColor(shade(subject.hair(), 0.8));
        g.setStroke(new BasicStroke((float) (0.045 * subject.faceWidth()), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int side = -1; side <= 1; side += 2) {
            double cx = side * subject.eyeSpacing() * subject.faceWidth() / 2;
            double inner = cx - side * 1.1 * r;
            double outer = cx + side * 1.2 * r;
            double innerY = y - s.browAngle() * 0.7 * r;
            double outerY = y + s.browAngle() * 0.2 * r;
            g.draw(new Line2D.Double(outer, outerY, inner, innerY));
        }
    }

    private void drawNose(Graphics2D g) {
        double fw = subject.faceWidth();
        double fh = subject.faceHeight();
        g.setColor(shade(subject.skin(), 0.75));
        g.setStroke(new BasicStroke((float) (0.02 * fw), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D nose = new Path2D.Double();
        nose.moveTo(-0.02 * fw, 0.02 * fh);
        nose.lineTo(-0.05 * fw, 0.13 * fh);
        nose.lineTo(0.03 * fw, 0.14 * fh);
        g.draw(nose);
    }

    private void drawMouth(Graphics2D g, FaceState s) {
        double fw = subject.faceWidth();
        double fh = subject.faceHeight();
        double half = subject.mouthWidth() * fw / 2;
        double yc = 0.27 * fh;
        double corner = yc - s.mouthCurve() * 0.07 * fh; // smile lifts the corners above the centre
        double open = clamp01(s.mouthOpen()) * 0.16 * fh;
        // Quadratic control points chosen so each lip passes through its mid-point.
        double upperMid = yc - open / 2;
        double lowerMid = yc + open / 2;
        Path2D lips = new Path2D.Double();
        lips.moveTo(-half, corner);
        lips.quadTo(0, 2 * upperMid - corner, half, corner);
        lips.quadTo(0, 2 * lowerMid - corner, -half, corner);
        lips.closePath();
        if (open > 0.004) {
            g.setColor(new Color(70, 20, 25));
            g.fill(lips);
        }
        g.setColor(new Color(150, 60, 60));
        g.setStroke(new BasicStroke((float) (0.025 * fw), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(lips);
    }

    private static Color shade(Color c, double f) {
        return new Color((int) Math.min(255, c.getRed() * f), (int) Math.min(255, c.getGreen() * f),
                (int) Math.min(255, c.getBlue() * f));
    }

    private static double clamp01(double v) { return Math.max(0, Math.min(1, v)); }
}
