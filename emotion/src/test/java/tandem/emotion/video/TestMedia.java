package tandem.emotion.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import tandem.emotion.audio.AudioClip;

/**
 * Media the tests make with the bundled FFmpeg: sound files in every codec Tandem should read, videos with a display
 * matrix, broken MP4s, frame folders.
 */
public final class TestMedia {
    /**
     * Sound formats the bundled FFmpeg encodes: container, encoder, channels, bit rate. MP3 is LAME and Opus is libopus,
     * both built into the JavaCPP FFmpeg; Vorbis is FFmpeg's own encoder, which FFmpeg marks experimental and which
     * only writes stereo (the mono voice goes to both channels; readers average them back).
     */
    public enum Sound {
        FLAC("flac", "flac", "flac", 1, 0),
        MP3("mp3", "mp3", "libmp3lame", 1, 128_000),
        OGG_VORBIS("ogg", "ogg", "vorbis", 2, 128_000),
        OGG_OPUS("opus", "ogg", "libopus", 1, 96_000),
        M4A_AAC("m4a", "ipod", "aac", 1, 96_000);

        public final String extension, container, encoder;
        final int channels, bitsPerSecond;

        Sound(String extension, String container, String encoder, int channels, int bitsPerSecond) {
            this.extension = extension;
            this.container = container;
            this.encoder = encoder;
            this.channels = channels;
            this.bitsPerSecond = bitsPerSecond;
        }
    }

    private TestMedia() {}

    /** {@code clip} encoded as {@code format} into {@code out}. */
    public static Path writeSound(Path out, AudioClip clip, Sound format) throws IOException {
        FfmpegLog.fatalOnly();
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.toFile(), format.channels);
        r.setFormat(format.container);
        r.setAudioCodecName(format.encoder);
        r.setSampleRate(clip.sampleRate());
        if (format.bitsPerSecond > 0) r.setAudioBitrate(format.bitsPerSecond);
        r.setAudioOption("strict", "experimental");
        try {
            r.start();
            float[] interleaved = new float[clip.length() * format.channels];
            for (int i = 0; i < interleaved.length; i++) interleaved[i] = clip.samples()[i / format.channels];
            r.recordSamples(clip.sampleRate(), format.channels, FloatBuffer.wrap(interleaved));
            r.stop();
        } finally {
            r.release();
        }
        return out;
    }

    /** An MP4 of {@code frames} at {@code fps} whose display matrix asks players to turn it counterclockwise by {@code ccw}. */
    public static Path writeVideo(Path out, List<BufferedImage> frames, double fps, double ccw) throws IOException {
        BufferedImage first = frames.get(0);
        try (VideoWriter w = VideoWriter.create(out, first.getWidth(), first.getHeight(), fps, VideoEncoder.best(), null, ccw)) {
            for (BufferedImage f : frames) w.write(f);
            w.finish();
        }
        return out;
    }

    /** {@code image} turned clockwise by a quarter-turn multiple. */
    public static BufferedImage turned(BufferedImage image, int clockwise) {
        return DisplayRotation.rotate(image, clockwise);
    }

    /** The centre {@code width x height} of {@code image}. */
    public static BufferedImage cropped(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int x0 = (image.getWidth() - width) / 2, y0 = (image.getHeight() - height) / 2;
        out.setRGB(0, 0, width, height, image.getRGB(x0, y0, width, height, null, 0, width), 0, width);
        return out;
    }

    /** {@code mp4} without its top-level {@code moov} box (the index every MP4 reader needs), as a cut-off recording is. */
    public static Path withoutMoov(Path mp4, Path out) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(mp4));
        ByteBuffer kept = ByteBuffer.allocate(in.capacity());
        boolean found = false;
        while (in.remaining() >= 8) {
            int at = in.position();
            long size = Integer.toUnsignedLong(in.getInt(at));
            String type = new String(new byte[] {in.get(at + 4), in.get(at + 5), in.get(at + 6), in.get(at + 7)},
                    java.nio.charset.StandardCharsets.US_ASCII);
            if (size < 8 || at + size > in.capacity()) throw new IOException(mp4 + ": unexpected box '" + type + "' of size " + size);
            if (type.equals("moov")) {
                found = true;
            } else {
                kept.put(in.array(), at, (int) size);
            }
            in.position((int) (at + size));
        }
        if (!found) throw new IOException(mp4 + " has no top-level moov box");
        Files.write(out, java.util.Arrays.copyOf(kept.array(), kept.position()));
        return out;
    }

    /** A folder of PNG frames {@code frame_0000.png, ...}. */
    public static Path writeFrames(Path folder, List<BufferedImage> frames) throws IOException {
        Files.createDirectories(folder);
        for (int i = 0; i < frames.size(); i++) {
            ImageIO.write(frames.get(i), "png", folder.resolve(String.format("frame_%04d.png", i)).toFile());
        }
        return folder;
    }
}
