package tandem.emotion.video;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import tandem.emotion.audio.AudioClip;

/**
 * Decodes the sound of a media file (AAC in MP4, FLAC, MP3, Ogg Vorbis or Opus, or anything else the bundled FFmpeg
 * opens) into a mono {@link AudioClip}: the channels are averaged and the samples clamped to [-1, 1].
 *
 * <p>FFmpeg is asked for interleaved 32-bit float, whatever the codec's native format; the conversion from the
 * decoder's frames still accepts every layout JavaCV hands out (one buffer per plane for planar formats, 8/16/32-bit
 * integers or float/double samples), so a caller may ask for another format for testing. Beside a video, sample 0 is
 * time 0 of the container: a track that starts late is padded with silence, so it lines up with the frames. A file of
 * sound alone starts at its first decoded sample.
 */
public final class AudioTrackReader {
    private AudioTrackReader() {}

    /** The file's (first) audio stream as mono float samples at its own rate. */
    public static AudioClip read(Path file) throws MediaFileException {
        return read(file, avutil.AV_SAMPLE_FMT_FLT);
    }

    /** Whether {@code file} is a media file with at least one audio stream; false for folders and unreadable files. */
    public static boolean hasAudioTrack(Path file) {
        if (!Files.isRegularFile(file)) return false;
        FfmpegLog.fatalOnly();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        try {
            grabber.start();
            return grabber.hasAudio() && grabber.getAudioChannels() > 0;
        } catch (FrameGrabber.Exception | RuntimeException e) {
            return false;
        } finally {
            releaseQuietly(grabber);
        }
    }

    /** As {@link #read(Path)}, with FFmpeg converting to {@code sampleFormat} (an {@code AV_SAMPLE_FMT_*}) first. */
    static AudioClip read(Path file, int sampleFormat) throws MediaFileException {
        MediaChecks.requireReadableFile(file, "is a folder (of frames?), which has no audio track; name an audio file for it",
                "file is empty");
        FfmpegLog.fatalOnly();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        grabber.setSampleFormat(sampleFormat);
        try {
            try {
                grabber.start();
            } catch (FrameGrabber.Exception | RuntimeException e) {
                throw new MediaFileException(file, "FFmpeg cannot open it (corrupt, truncated, or not a media file): "
                        + MediaChecks.reason(e), e);
            }
            if (!grabber.hasAudio() || grabber.getAudioChannels() <= 0) {
                throw new MediaFileException(file, "has no audio track");
            }
            int rate = grabber.getSampleRate();
            if (rate <= 0) throw new MediaFileException(file, "audio track has no usable sample rate (" + rate + ")");
            float[] mono = decode(file, grabber, rate);
            return new AudioClip(mono, rate);
        } finally {
            releaseQuietly(grabber);
        }
    }

    private static float[] decode(Path file, FFmpegFrameGrabber grabber, int rate) throws MediaFileException {
        float[] out = new float[Math.max(1024, (int) Math.min(Integer.MAX_VALUE / 2, grabber.getLengthInTime() / 1e6 * rate + 4096))];
        int n = 0;
        boolean first = true;
        boolean hasVideo = grabber.hasVideo() && grabber.getImageWidth() > 0;
        try {
            Frame frame;
            while ((frame = grabber.grabSamples()) != null) {
                if (frame.samples == null) continue;
                if (first) {
                    // Beside a video, a track that starts after time 0 is padded, so sample i lines up with the frames
                    // at i / rate seconds. A file of sound alone starts at its first sample: its first timestamp can
                    // be past 0 only because the decoder dropped the encoder's priming samples (MP3).
                    n = hasVideo ? (int) Math.max(0, Math.round(frame.timestamp / 1e6 * rate)) : 0;
                    first = false;
                }
                float[] chunk = toMono(frame.samples, frame.audioChannels > 0 ? frame.audioChannels : grabber.getAudioChannels());
                if (n + chunk.length > out.length) out = Arrays.copyOf(out, Math.max(2 * out.length, n + chunk.length));
                System.arraycopy(chunk, 0, out, n, chunk.length);
                n += chunk.length;
            }
        } catch (FrameGrabber.Exception | RuntimeException e) {
            throw new MediaFileException(file, String.format("decoding the audio track failed near %.3f s (corrupt or truncated file?): %s",
                    n / (double) rate, MediaChecks.reason(e)), e);
        }
        if (first) throw new MediaFileException(file, "audio track holds no samples");
        for (int i = 0; i < n; i++) {
            if (Float.isNaN(out[i])) {
                throw new MediaFileException(file, String.format("audio track has a NaN sample at %.3f s (sample %d)", i / (double) rate, i));
            }
            out[i] = Math.max(-1f, Math.min(1f, out[i]));
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * One decoded frame, averaged over channels. {@code planes} is one interleaved buffer, or one buffer per channel
     * for planar formats. The live stream decoder mixes its chunks down here too, so a stream and a file give the same
     * samples.
     */
    public static float[] toMono(Buffer[] planes, int channels) {
        if (channels <= 0) throw new IllegalArgumentException("audio frame: channel count must be positive, got " + channels);
        boolean planar = planes.length > 1;
        if (planar && planes.length != channels) {
            throw new IllegalArgumentException("audio frame: " + planes.length + " planes for " + channels + " channels");
        }
        int perPlane = planes[0].remaining();
        int frames = planar ? perPlane : perPlane / channels;
        float[] mono = new float[frames];
        for (int p = 0; p < planes.length; p++) {
            Buffer plane = planes[p];
            int base = plane.position();
            for (int i = 0; i < (planar ? frames : frames * channels); i++) {
                mono[planar ? i : i / channels] += sampleAt(plane, base + i);
            }
        }
        float scale = 1f / channels;
        for (int i = 0; i < frames; i++) mono[i] *= scale;
        return mono;
    }

    /** Sample {@code i} of a buffer as a float in [-1, 1] (integer formats are scaled by their full range). */
    private static float sampleAt(Buffer b, int i) {
        if (b instanceof FloatBuffer f) return f.get(i);
        if (b instanceof ShortBuffer s) return s.get(i) / 32768f;
        if (b instanceof IntBuffer n) return (float) (n.get(i) / 2147483648.0);
        if (b instanceof DoubleBuffer d) return (float) d.get(i);
        if (b instanceof ByteBuffer u) return ((u.get(i) & 0xff) - 128) / 128f;    // FFmpeg's 8-bit audio is unsigned
        throw new IllegalArgumentException("audio frame: unsupported sample buffer " + b.getClass().getSimpleName());
    }

    private static void releaseQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.release();
        } catch (FrameGrabber.Exception | RuntimeException ignored) {
            // Closing after a failure: the original error is the one worth reporting.
        }
    }
}
