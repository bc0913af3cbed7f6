package tandem.kernels.cpu.fast;

import java.util.Arrays;

/**
 * One group of one image copied into a zero border (Cg, DP, HP, WP), so the direct kernels read every tap of every
 * position they compute without bounds logic. Each thread fills its own buffer, reused across calls and shapes.
 * (A ThreadLocal per instance leaked: every call left a dead entry holding a multi-megabyte array until a GC
 * cleared its key, and a loop of stem forwards ran at half speed.)
 */
final class PaddedImage {
    final int dp, hp, wp, size;
    /** Offset of tap t = (c, kd, kh, kw) from an output position's corner; 0 past the real taps. */
    final int[] tapOffsets;
    private final ConvGeometry g;
    private static final ThreadLocal<float[]> BUFFER = ThreadLocal.withInitial(() -> new float[0]);

    /**
     * {@code tapCount} >= taps, for kernels that compute whole blocks of taps; rows at least {@code minRowWidth}
     * wide; {@code slack} zero floats after the last row, for kernels that read a little past it.
     */
    PaddedImage(ConvGeometry g, int tapCount, int minRowWidth, int slack) {
        this.g = g;
        dp = g.d + 2 * g.pd;
        hp = g.h + 2 * g.ph;
        wp = Math.max(g.w + 2 * g.pw, minRowWidth);
        size = g.cg * dp * hp * wp + slack;
        tapOffsets = new int[tapCount];
        int t = 0;
        for (int c = 0; c < g.cg; c++)
            for (int kd = 0; kd < g.kd; kd++)
                for (int kh = 0; kh < g.kh; kh++)
                    for (int kw = 0; kw < g.kw; kw++) tapOffsets[t++] = ((c * dp + kd * g.dd) * hp + kh * g.dh) * wp + kw * g.dw;
    }

    // x from `base` (cg channels of d x h x w) -> the thread's padded buffer, valid until its next fill
    float[] fill(float[] x, int base) {
        float[] xp = BUFFER.get();
        if (xp.length < size) BUFFER.set(xp = new float[size]);
        Arrays.fill(xp, 0, size, 0f);
        for (int c = 0; c < g.cg; c++) {
            for (int d = 0; d < g.d; d++) {
                for (int h = 0; h < g.h; h++) {
                    int src = base + ((c * g.d + d) * g.h + h) * g.w;
                    int dst = ((c * dp + d + g.pd) * hp + h + g.ph) * wp + g.pw;
                    System.arraycopy(x, src, xp, dst, g.w);
                }
            }
        }
        return xp;
    }
}
