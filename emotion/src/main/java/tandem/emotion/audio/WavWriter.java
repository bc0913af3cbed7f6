package tandem.emotion.audio;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes WAV files, atomically: the bytes go to a temporary file beside the target, which is then
 * moved into place, so a reader never sees a half-written file and an interrupted run leaves none.
 *
 * <p>Integer PCM clips samples to [-1, 1] and scales by 2^(bits-1) - 1. Float files carry the fmt
 * extension size and the fact chunk the WAV specification asks of non-PCM data.
 */
public final class WavWriter {

    private static final long MAX_RIFF_BYTES = 0xFFFFFFFFL;

    private WavWriter() {}

    public static void writePcm16(Path file, float[] samples, int sampleRate) throws IOException {
        write(file, new float[][] {samples}, sampleRate, WavSampleFormat.PCM_16);
    }

    public static void writeFloat32(Path file, float[] samples, int sampleRate) throws IOException {
        write(file, new float[][] {samples}, sampleRate, WavSampleFormat.FLOAT_32);
    }

    public static void write(Path file, AudioClip clip, WavSampleFormat format) throws IOException {
        write(file, new float[][] {clip.samples()}, clip.sampleRate(), format);
    }

    /** channels: (C, N), one array per channel, all the same length. */
    public static void write(Path file, float[][] channels, int sampleRate, WavSampleFormat format) throws IOException {
        byte[] bytes = encode(file, channels, sampleRate, format);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
        boolean moved = false;
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                out.write(bytes);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) Files.deleteIfExists(temp);
        }
    }

    private static byte[] encode(Path file, float[][] channels, int sampleRate, WavSampleFormat format) {
        if (channels.length == 0) throw new IllegalArgumentException("WavWriter " + file + ": no channels");
        if (sampleRate <= 0) throw new IllegalArgumentException("WavWriter " + file + ": sample rate must be positive, got " + sampleRate);
        int frames = channels[0].length;
        for (int c = 0; c < channels.length; c++) {
            if (channels[c].length != frames) {
                throw new IllegalArgumentException("WavWriter " + file + ": channel " + c + " has " + channels[c].length
                        + " samples, channel 0 has " + frames);
            }
            for (int i = 0; i < frames; i++) {
                if (!Float.isFinite(channels[c][i])) {
                    throw new IllegalArgumentException("WavWriter " + file + ": sample " + i + " of channel " + c
                            + " is " + channels[c][i]);
                }
            }
        }
        int blockAlign = channels.length * format.bytesPerSample();
        long dataBytes = (long) frames * blockAlign;
        boolean isFloat = format.isFloatingPoint();
        int fmtBytes = isFloat ? 18 : 16;
        int factBytes = isFloat ? 12 : 0;
        long total = 12 + 8 + fmtBytes + factBytes + 8 + dataBytes + (dataBytes & 1);
        if (total - 8 > MAX_RIFF_BYTES || total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("WavWriter " + file + ": " + dataBytes + " bytes of audio is too large for one WAV file");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.put(ascii("RIFF")).putInt((int) (total - 8)).put(ascii("WAVE"));
        out.put(ascii("fmt ")).putInt(fmtBytes)
                .putShort((short) format.formatTag()).putShort((short) channels.length)
                .putInt(sampleRate).putInt(sampleRate * blockAlign)
                .putShort((short) blockAlign).putShort((short) format.bitsPerSample());
        if (isFloat) {
            out.putShort((short) 0);  // cbSize: no extension
            out.put(ascii("fact")).putInt(4).putInt(frames);
        }
        out.put(ascii("data")).putInt((int) dataBytes);
        for (int i = 0; i < frames; i++) {
            for (float[] channel : channels) putSample(out, channel[i], format);
        }
        return out.array();  // a pad byte, if any, is already zero
    }

    private static void putSample(ByteBuffer out, float x, WavSampleFormat format) {
        if (format == WavSampleFormat.FLOAT_32) {
            out.putFloat(x);
            return;
        }
        double clipped = Math.max(-1.0, Math.min(1.0, x));
        long full = (1L << (format.bitsPerSample() - 1)) - 1;
        long q = Math.round(clipped * full);
        switch (format) {
            case PCM_U8 -> out.put((byte) (q + 128));
            case PCM_16 -> out.putShort((short) q);
            case PCM_24 -> out.put((byte) q).put((byte) (q >> 8)).put((byte) (q >> 16));
            case PCM_32 -> out.putInt((int) q);
            default -> throw new IllegalStateException("unhandled " + format);
        }
    }

    private static byte[] ascii(String fourCc) {
        return fourCc.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
