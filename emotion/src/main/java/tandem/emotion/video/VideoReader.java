package tandem.emotion.video;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes a video file (MP4/H.264, or anything else the bundled FFmpeg opens) into RGB frames, turned upright as
 * the container's display matrix asks ({@link DisplayRotation}; {@link VideoInfo#rotation()} says by how much).
 *
 * <p>The container is probed once when the reader is opened; {@link #readFrames} then decodes only the
 * requested time range. A frame belongs to {@code [start, end)} by its presentation timestamp, so
 * consecutive ranges partition the video exactly. Not thread-safe: one reader per thread.
 */
public final class VideoReader implements FrameSource, AutoCloseable {
    /** Timestamps are whole microseconds; allow that much rounding when comparing to range bounds. */
    private static final double TIME_EPSILON_SECONDS = 1e-4;

    private final Path file;
    private final FFmpegFrameGrabber grabber;
    private final VideoInfo info;

    private VideoReader(Path file, FFmpegFrameGrabber grabber, VideoInfo info) {
        this.file = file;
        this.grabber = grabber;
        this.info = info;
    }

    /** Opens and probes {@code file}; fails with a {@link MediaFileException} naming it if it is unusable. */
    public static VideoReader open(Path file) throws MediaFileException {
        MediaChecks.requireReadableFile(file, "is a directory, expected a video file", "file is empty, so it holds no video");
        FfmpegLog.fatalOnly();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            releaseQuietly(grabber);
            throw new MediaFileException(file,
                    "FFmpeg cannot open it as a video (corrupt, truncated, or not a video file): " + MediaChecks.reason(e), e);
        }
        try {
            VideoInfo info = probe(file, grabber);
            return new VideoReader(file, grabber, info);
        } catch (MediaFileException e) {
            releaseQuietly(grabber);
            throw e;
        }
    }

    /** Container facts without decoding any frame. */
    public static VideoInfo info(Path file) throws MediaFileException {
        try (VideoReader reader = open(file)) {
            return reader.info();
        }
    }

    public VideoInfo info() { return info; }

    @Override public Path path() { return file; }

    @Override public double fps() { return info.fps(); }

    @Override public int frameCount() { return info.frameCount(); }

    @Override public double durationSeconds() { return info.durationSeconds(); }

    @Override
    public List<BufferedImage> readFrames(double startSeconds, double endSeconds) throws MediaFileException {
        FrameSource.checkRange(file, startSeconds, endSeconds);
        // by timestamp: after a seek in a file with sound, the grabber first hands back the frame it decoded last,
        // then decodes forward from the key frame and reaches that frame again; each frame must count once
        TreeMap<Long, BufferedImage> frames = new TreeMap<>();
        double lastFrameTime = -1;
        try {
            // Seeking is frame-exact in the grabber (it decodes forward from the previous key frame).
            grabber.setTimestamp(Math.round(startSeconds * 1e6));
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                double t = frame.timestamp / 1e6;
                lastFrameTime = t;
                if (t >= endSeconds - TIME_EPSILON_SECONDS) break;
                if (t >= startSeconds - TIME_EPSILON_SECONDS && !frames.containsKey(frame.timestamp)) {
                    frames.put(frame.timestamp, DisplayRotation.rotate(toRgbImage(frame), info.rotation()));
                }
            }
        } catch (FrameGrabber.Exception | RuntimeException e) {
            throw new MediaFileException(file, "decoding failed near " + String.format("%.3f", lastFrameTime)
                    + " s (corrupt or truncated video?): " + MediaChecks.reason(e), e);
        }
        checkNotCutShort(startSeconds, endSeconds, lastFrameTime);
        return new ArrayList<>(frames.values());
    }

    /** The stream ended well before both the requested end and the duration the header promised. */
    private void checkNotCutShort(double startSeconds, double endSeconds, double lastFrameTime) throws MediaFileException {
        double expectedEnd = Math.min(endSeconds, info.durationSeconds());
        double lastExpectedFrame = expectedEnd - 1.0 / info.fps();
        if (startSeconds < info.durationSeconds() && lastFrameTime < lastExpectedFrame - 1.5 / info.fps()) {
            throw new MediaFileException(file, String.format(
                    "stream ends at %.3f s but the header announces %.3f s (%d frames): file truncated?",
                    Math.max(lastFrameTime, 0), info.durationSeconds(), info.frameCount()));
        }
    }

    @Override
    public void close() {
        releaseQuietly(grabber);
    }

    private static VideoInfo probe(Path file, FFmpegFrameGrabber grabber) throws MediaFileException {
        if (grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
            throw new MediaFileException(file, "has no video stream");
        }
        double fps = grabber.getFrameRate();
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new MediaFileException(file, "video stream has no usable frame rate (" + fps + ")");
        }
        int frames = framesFromStreamHeader(grabber);
        double duration = grabber.getLengthInTime() / 1e6;
        if (frames <= 0) frames = (int) Math.round(duration * fps);
        if (frames <= 0) throw new MediaFileException(file, "video stream holds no frames");
        // The container's duration may include other streams; the video's own span is frames / fps.
        duration = frames / fps;
        int rotation = DisplayRotation.clockwiseDegrees(file, grabber.getDisplayRotation());
        boolean sideways = rotation == 90 || rotation == 270;
        int shownWidth = sideways ? grabber.getImageHeight() : grabber.getImageWidth();
        int shownHeight = sideways ? grabber.getImageWidth() : grabber.getImageHeight();
        return new VideoInfo(frames, fps, duration, shownWidth, shownHeight, grabber.getVideoCodecName(), rotation);
    }

    private static int framesFromStreamHeader(FFmpegFrameGrabber grabber) {
        AVFormatContext context = grabber.getFormatContext();
        if (context == null) return -1;
        for (int i = 0; i < context.nb_streams(); i++) {
            AVStream stream = context.streams(i);
            if (stream.codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO) {
                long n = stream.nb_frames();
                return n > 0 && n <= Integer.MAX_VALUE ? (int) n : -1;
            }
        }
        return -1;
    }

    /**
     * Copies the decoder's RGB24 buffer (which it reuses) into an image of our own. The live stream decoder converts
     * its frames here too, so a stream and a file give the same pixels.
     */
    public static BufferedImage toRgbImage(Frame frame) {
        int w = frame.imageWidth;
        int h = frame.imageHeight;
        int stride = frame.imageStride;
        ByteBuffer buf = (ByteBuffer) frame.image[0];
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        byte[] bytes = new byte[w * 3];
        for (int y = 0; y < h; y++) {
            buf.get(y * stride, bytes, 0, w * 3);
            for (int x = 0; x < w; x++) {
                int i = 3 * x;
                row[x] = (bytes[i] & 0xff) << 16 | (bytes[i + 1] & 0xff) << 8 | (bytes[i + 2] & 0xff);
            }
            image.getRaster().setDataElements(0, y, w, 1, row);
        }
        return image;
    }

    private static void releaseQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.release();
        } catch (FrameGrabber.Exception | RuntimeException ignored) {
            // Closing after a failure: the original error is the one worth reporting.
        }
    }
}
