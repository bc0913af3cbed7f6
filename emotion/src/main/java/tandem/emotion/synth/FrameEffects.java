package tandem.emotion.synth;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Camera nuisances applied to a rendered frame in place: uneven lighting (a gain that falls off
 * across the frame in one direction), optional defocus blur, and sensor noise.
 *
 * @param gain        overall brightness factor
 * @param lightSlope  brightness change from the dark to the lit side of the frame (0 = flat)
 * @param lightAngle  direction the light comes from, radians
 * @param blurRadius  box-blur radius in pixels (0 = sharp)
 * @param noiseSigma  standard deviation of additive Gaussian noise, in 8-bit levels
 */
record FrameEffects(double gain, double lightSlope, double lightAngle, int blurRadius, double noiseSigma) {

    /** Applies the effects to {@code image}, which must be {@link BufferedImage#TYPE_INT_RGB}. */
    void apply(BufferedImage image, SynthRandom rng) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] px = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        if (blurRadius > 0) boxBlur(px, w, h, blurRadius);
        double dx = Math.cos(lightAngle) / w;
        double dy = Math.sin(lightAngle) / h;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double light = gain * (1 + lightSlope * ((x - w / 2.0) * dx + (y - h / 2.0) * dy));
                int p = px[y * w + x];
                int r = level(((p >> 16) & 0xff) * light + noiseSigma * rng.gaussian());
                int g = level(((p >> 8) & 0xff) * light + noiseSigma * rng.gaussian());
                int b = level((p & 0xff) * light + noiseSigma * rng.gaussian());
                px[y * w + x] = r << 16 | g << 8 | b;
            }
        }
    }

    private static int level(double v) { return (int) Math.max(0, Math.min(255, Math.round(v))); }

    /** Separable box blur with clamped edges. */
    private static void boxBlur(int[] px, int w, int h, int radius) {
        int[] tmp = new int[px.length];
        blurPass(px, tmp, w, h, radius, 1, w);
        blurPass(tmp, px, h, w, radius, w, 1);
    }

    // Blurs along lines of length n; `step` moves along a line, `lineStep` to the next line.
    private static void blurPass(int[] src, int[] dst, int n, int lines, int radius, int step, int lineStep) {
        for (int line = 0; line < lines; line++) {
            int base = line * lineStep;
            for (int i = 0; i < n; i++) {
                int r = 0;
                int g = 0;
                int b = 0;
                for (int k = -radius; k <= radius; k++) {
                    int j = Math.max(0, Math.min(n - 1, i + k));
                    int p = src[base + j * step];
                    r += (p >> 16) & 0xff;
                    g += (p >> 8) & 0xff;
                    b += p & 0xff;
                }
                int count = 2 * radius + 1;
                dst[base + i * step] = (r / count) << 16 | (g / count) << 8 | (b / count);
            }
        }
    }
}
