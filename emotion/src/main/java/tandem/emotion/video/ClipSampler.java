package tandem.emotion.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

/**
 * Turns the frames of a segment into the video branch's input, a float array laid out
 * {@code (3, T, H, W)} (channel-major, RGB order), the way MSAF prepares RAVDESS:
 * <ol>
 *   <li>{@code T} frames sampled uniformly over the segment: frame {@code floor((i + 0.5) * n / T)} of
 *       {@code n}, the centre of each of {@code T} equal slices, so {@code n == T} keeps every frame;</li>
 *   <li>a centred square crop as the face box. MSAF crops to a box from facial landmarks; Tandem has
 *       no landmark detector, so it relies on the face being centred, as it is in the synthetic corpus
 *       and in most cropped-face datasets;</li>
 *   <li>bilinear resize to {@code H x W} with pixel centres aligned ({@code align_corners = false})
 *       and no antialiasing, so large down-scales alias; feed frames near the target size;</li>
 *   <li>RGB scaled to [0, 1], then {@code (x - mean) / std} per channel, ImageNet statistics by default.</li>
 * </ol>
 */
public final class ClipSampler {
    public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    private final int frames;
    private final int height;
    private final int width;
    private final float[] mean;
    private final float[] std;

    /** ImageNet normalisation. */
    public ClipSampler(int frames, int height, int width) {
        this(frames, height, width, IMAGENET_MEAN, IMAGENET_STD);
    }

    public ClipSampler(int frames, int height, int width, float[] mean, float[] std) {
        if (frames < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("ClipSampler: frames, height and width must be >= 1, got T="
                    + frames + " H=" + height + " W=" + width);
        }
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("ClipSampler: mean and std need 3 values (R, G, B), got "
                    + mean.length + " and " + std.length);
        }
        for (float s : std) {
            if (!(s > 0)) throw new IllegalArgumentException("ClipSampler: std values must be > 0, got " + s);
        }
        this.frames = frames;
        this.height = height;
        this.width = width;
        this.mean = mean.clone();
        this.std = std.clone();
    }

    public int frames() { return frames; }

    public int height() { return height; }

    public int width() { return width; }

    /** Length of the arrays {@link #sample} returns: {@code 3 * T * H * W}. */
    public int sampleLength() { return 3 * frames * height * width; }

    /** Reads {@code [startSeconds, endSeconds)} of {@code source} and samples it; errors name the source. */
    public float[] sample(FrameSource source, double startSeconds, double endSeconds) throws IOException {
        List<BufferedImage> segment = source.readFrames(startSeconds, endSeconds);
        if (segment.size() < frames) {
            throw new MediaFileException(source.path(), String.format(
                    "segment [%.3f, %.3f) s holds %d frames but the clip needs %d (at %.3g fps that is %.3f s)",
                    startSeconds, endSeconds, segment.size(), frames, source.fps(), frames / source.fps()));
        }
        return sample(segment);
    }

    /** Samples the given segment frames; there must be at least {@code T} of them. */
    public float[] sample(List<BufferedImage> segment) {
        if (segment.size() < frames) {
            throw new IllegalArgumentException("ClipSampler: segment holds " + segment.size()
                    + " frames but the clip needs " + frames);
        }
        int[] picks = uniformIndices(segment.size(), frames);
        float[] out = new float[sampleLength()];
        for (int t = 0; t < frames; t++) {
            writeFrame(segment.get(picks[t]), t, out);
        }
        return out;
    }

    /** The indices of {@code wanted} frames spread uniformly over {@code available} ones. */
    public static int[] uniformIndices(int available, int wanted) {
        if (wanted < 1 || available < wanted) {
            throw new IllegalArgumentException("uniformIndices: cannot pick " + wanted + " of " + available + " frames");
        }
        int[] idx = new int[wanted];
        for (int i = 0; i < wanted; i++) {
            idx[i] = (int) Math.floor((i + 0.5) * available / wanted);
        }
        return idx;
    }

    // out: (3, T, H, W); frame t fills out[c][t] for each channel c.
    private void writeFrame(BufferedImage image, int t, float[] out) {
        int side = Math.min(image.getWidth(), image.getHeight());
        int x0 = (image.getWidth() - side) / 2;
        int y0 = (image.getHeight() - side) / 2;
        int[] square = image.getRGB(x0, y0, side, side, null, 0, side);
        int plane = height * width;
        int channelStride = frames * plane;
        float scaleY = (float) side / height;
        float scaleX = (float) side / width;
        for (int y = 0; y < height; y++) {
            float sy = clamp((y + 0.5f) * scaleY - 0.5f, side - 1);
            int yA = (int) sy;
            int yB = Math.min(yA + 1, side - 1);
            float fy = sy - yA;
            for (int x = 0; x < width; x++) {
                float sx = clamp((x + 0.5f) * scaleX - 0.5f, side - 1);
                int xA = (int) sx;
                int xB = Math.min(xA + 1, side - 1);
                float fx = sx - xA;
                int p00 = square[yA * side + xA];
                int p01 = square[yA * side + xB];
                int p10 = square[yB * side + xA];
                int p11 = square[yB * side + xB];
                int at = t * plane + y * width + x;
                for (int c = 0; c < 3; c++) {
                    int shift = 16 - 8 * c;
                    float top = lerp(channel(p00, shift), channel(p01, shift), fx);
                    float bottom = lerp(channel(p10, shift), channel(p11, shift), fx);
                    float value = lerp(top, bottom, fy) / 255f;
                    out[c * channelStride + at] = (value - mean[c]) / std[c];
                }
            }
        }
    }

    private static float channel(int rgb, int shift) { return (rgb >> shift) & 0xff; }

    private static float lerp(float a, float b, float f) { return a + (b - a) * f; }

    private static float clamp(float v, int max) { return Math.max(0f, Math.min(v, max)); }
}
