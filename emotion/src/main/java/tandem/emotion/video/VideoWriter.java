package tandem.emotion.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;
import tandem.emotion.audio.AudioClip;

/**
 * Writes RGB frames to an MP4 file, atomically: frames go to a hidden temporary file next to the
 * target, which {@link #finish()} moves into place. Closing without {@code finish()} (for example after
 * an exception) deletes the temporary file and leaves any existing target untouched.
 *
 * <p>Given a sound track, the writer muxes it as mono AAC (FFmpeg's native encoder) beside the video, interleaved:
 * each frame is followed by the audio up to the frame's end, and {@link #finish()} writes whatever sound is left.
 *
 * <pre>{@code
 * try (VideoWriter out = VideoWriter.create(path, 96, 96, 25)) {
 *     for (BufferedImage f : frames) out.write(f);
 *     out.finish();
 * }
 * }</pre>
 */
public final class VideoWriter implements AutoCloseable {
    /** Plenty for a 16 kHz mono voice: the decoded track stays close to the WAV it came from. */
    private static final int AAC_BITS_PER_SECOND = 96_000;
    private final Path target;
    private final Path temp;
    private final FFmpegFrameRecorder recorder;
    private final VideoEncoder encoder;
    private final int width;
    private final int height;
    private final Frame frame;
    private final byte[] rowBytes;
    private final AudioClip sound;
    private int framesWritten;
    private int samplesWritten;
    private boolean finished;
    private boolean closed;

    private VideoWriter(Path target, Path temp, FFmpegFrameRecorder recorder, VideoEncoder encoder, int width, int height,
                        AudioClip sound) {
        this.target = target;
        this.temp = temp;
        this.recorder = recorder;
        this.encoder = encoder;
        this.width = width;
        this.height = height;
        this.frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
        this.rowBytes = new byte[width * 3];
        this.sound = sound;
    }

    /** An MP4 writer with the {@linkplain VideoEncoder#best() best available} encoder. */
    public static VideoWriter create(Path target, int width, int height, double fps) throws MediaFileException {
        return create(target, width, height, fps, VideoEncoder.best());
    }

    public static VideoWriter create(Path target, int width, int height, double fps, VideoEncoder encoder)
            throws MediaFileException {
        return create(target, width, height, fps, encoder, null);
    }

    /** As {@link #create(Path, int, int, double, VideoEncoder)}, with {@code sound} (null for none) as an AAC track. */
    public static VideoWriter create(Path target, int width, int height, double fps, VideoEncoder encoder, AudioClip sound)
            throws MediaFileException {
        return create(target, width, height, fps, encoder, sound, 0);
    }

    /**
     * As {@link #create(Path, int, int, double, VideoEncoder, AudioClip)}, with a display matrix that tells players to
     * turn the frames {@code displayRotation} degrees counterclockwise (0 for none), as a phone does for portrait video
     * stored sideways (-90 there). {@link VideoReader} applies it.
     */
    public static VideoWriter create(Path target, int width, int height, double fps, VideoEncoder encoder, AudioClip sound,
                                     double displayRotation) throws MediaFileException {
        // H.264 with 4:2:0 chroma needs even dimensions; say so rather than let the encoder fail obscurely.
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException(target + ": frame size " + width + "x" + height
                    + " must be positive and even");
        }
        if (!(fps > 0)) throw new IllegalArgumentException(target + ": fps must be positive, got " + fps);
        Path dir = target.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + target.getFileName() + ".part");
        FfmpegLog.fatalOnly();
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(temp.toFile(), width, height, sound == null ? 0 : 1);
        recorder.setFormat("mp4");
        recorder.setVideoCodecName(encoder.ffmpegName());
        recorder.setFrameRate(fps);
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setGopSize((int) Math.max(1, Math.round(fps))); // a key frame each second keeps seeking cheap
        // Single-threaded encoding makes the bitstream a pure function of the frames.
        recorder.setVideoOption("threads", "1");
        // Roughly one bit per pixel: small synthetic faces stay sharp without large files.
        recorder.setVideoBitrate((int) Math.min(8_000_000, Math.max(64_000, width * (long) height * fps)));
        if (encoder == VideoEncoder.MPEG4_PART2) recorder.setVideoQuality(3);
        if (displayRotation != 0) recorder.setDisplayRotation(displayRotation);
        if (sound != null) {
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(sound.sampleRate());
            recorder.setAudioBitrate(AAC_BITS_PER_SECOND);
            recorder.setAudioOption("threads", "1");
        }
        try {
            Files.createDirectories(dir);
            recorder.start();
        } catch (IOException | RuntimeException e) {
            try {
                recorder.release();
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // The start failure is the error to report.
            }
            throw new MediaFileException(target, "cannot start the " + encoder.ffmpegName()
                    + (sound == null ? "" : " and aac") + " encoder: " + e.getMessage(), e);
        }
        return new VideoWriter(target, temp, recorder, encoder, width, height, sound);
    }

    public VideoEncoder encoder() { return encoder; }

    /** Appends one frame; it must have the writer's size. */
    public void write(BufferedImage image) throws MediaFileException {
        if (finished || closed) throw new IllegalStateException(target + ": writer already finished");
        if (image.getWidth() != width || image.getHeight() != height) {
            throw new IllegalArgumentException(target + ": frame is " + image.getWidth() + "x" + image.getHeight()
                    + " but the video is " + width + "x" + height);
        }
        ByteBuffer buf = (ByteBuffer) frame.image[0];
        int stride = frame.imageStride;
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int p = row[x];
                rowBytes[3 * x] = (byte) (p >> 16);
                rowBytes[3 * x + 1] = (byte) (p >> 8);
                rowBytes[3 * x + 2] = (byte) p;
            }
            buf.put(y * stride, rowBytes, 0, rowBytes.length);
        }
        try {
            recorder.record(frame, avutil.AV_PIX_FMT_RGB24);
            framesWritten++;
            if (sound != null) writeSoundUpTo(Math.round(framesWritten / recorder.getFrameRate() * sound.sampleRate()));
        } catch (FrameRecorder.Exception | RuntimeException e) {
            throw new MediaFileException(target, "encoding failed: " + e.getMessage(), e);
        }
    }

    /** Encodes the sound track's samples [samplesWritten, end), clipped to its length. */
    private void writeSoundUpTo(long end) throws FrameRecorder.Exception {
        int to = (int) Math.min(end, sound.length());
        if (to <= samplesWritten) return;
        // A fresh array per call: JavaCV reads the buffer from its start, whatever its position.
        float[] chunk = Arrays.copyOfRange(sound.samples(), samplesWritten, to);
        recorder.recordSamples(sound.sampleRate(), 1, FloatBuffer.wrap(chunk));
        samplesWritten = to;
    }

    /** Flushes the encoder, closes the container and moves the file into place. */
    public void finish() throws MediaFileException {
        if (finished) return;
        try {
            if (sound != null) writeSoundUpTo(sound.length());
            recorder.stop();
            recorder.release();
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            throw new MediaFileException(target, "cannot finish writing: " + e.getMessage(), e);
        }
        finished = true;
    }

    @Override
    public void close() throws MediaFileException {
        if (closed) return;
        closed = true;
        if (finished) return;
        try {
            recorder.release();
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            throw new MediaFileException(target, "cannot discard unfinished file " + temp.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
