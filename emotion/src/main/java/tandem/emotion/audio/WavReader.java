package tandem.emotion.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Reads a WAV file into mono float samples.
 *
 * <p>Accepts any sample rate, mono or stereo (stereo is averaged to mono, as librosa does), 8/16/24/32-bit
 * integer PCM and 32/64-bit IEEE float, in plain or WAVE_FORMAT_EXTENSIBLE headers. Integer PCM maps to
 * [-1, 1) by dividing by 2^(bits-1); float samples are kept as stored, only NaN and infinity are refused.
 *
 * <p>javax.sound.sampled decodes the data; Tandem's own reading of the chunk layout ({@link WavHeader})
 * checks it first and names what is wrong.
 *
 * <p>Truncation is judged on the data chunk, which holds the audio. The RIFF size in the first header
 * is not checked: writers often get it wrong by a few bytes without harming the samples.
 */
public final class WavReader {

    private WavReader() {}

    public static AudioClip read(Path file) throws IOException {
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, "WAV file does not exist");
        if (!Files.isRegularFile(file)) throw new WavFormatException(file, "not a regular file");
        WavHeader header = WavHeader.read(file);
        checkSupported(file, header);
        if (header.isTruncated()) {
            throw new WavFormatException(file, "truncated: data chunk promises " + header.dataBytes()
                    + " bytes but only " + header.availableBytes() + " are in the file");
        }
        byte[] data = decodeWithJavaSound(file, header);
        long expected = header.frameCount() * header.blockAlign();
        if (data.length < expected) {
            throw new WavFormatException(file, "truncated: expected " + header.frameCount() + " frames, decoded "
                    + data.length / header.blockAlign());
        }
        return new AudioClip(toMono(file, data, header), header.sampleRate());
    }

    private static void checkSupported(Path file, WavHeader h) throws WavFormatException {
        int bits = h.bitsPerSample();
        if (h.formatTag() == WavSampleFormat.TAG_PCM) {
            if (bits != 8 && bits != 16 && bits != 24 && bits != 32) {
                throw new WavFormatException(file, "unsupported encoding: " + bits + "-bit integer PCM (supported: 8, 16, 24, 32)");
            }
        } else if (h.formatTag() == WavSampleFormat.TAG_IEEE_FLOAT) {
            if (bits != 32 && bits != 64) {
                throw new WavFormatException(file, "unsupported encoding: " + bits + "-bit float (supported: 32, 64)");
            }
        } else {
            throw new WavFormatException(file, String.format(
                    "unsupported encoding: format tag 0x%04X (supported: integer PCM 0x0001, IEEE float 0x0003)", h.formatTag()));
        }
        if (h.channels() > 2) {
            throw new WavFormatException(file, "has " + h.channels() + " channels; only mono and stereo are supported");
        }
    }

    /** Returns the raw sample bytes as javax.sound.sampled decodes them, frame by frame. */
    private static byte[] decodeWithJavaSound(Path file, WavHeader header) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat f = in.getFormat();
            if (f.getChannels() != header.channels() || f.getSampleSizeInBits() != header.bitsPerSample()
                    || Math.round(f.getSampleRate()) != header.sampleRate() || f.isBigEndian()) {
                throw new WavFormatException(file, "corrupt header: javax.sound.sampled reads it as " + f
                        + ", the fmt chunk says " + header.channels() + " channels, " + header.sampleRate() + " Hz, "
                        + header.bitsPerSample() + " bits");
            }
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, header.frameCount() * header.blockAlign()));
        } catch (UnsupportedAudioFileException e) {
            // The JDK's RIFF parser does not skip the pad byte after an odd-sized chunk (a LIST chunk
            // before fmt, say) and then refuses the file. The header is already validated, so the
            // samples can be taken straight from the data chunk.
            return readDataChunk(file, header);
        }
    }

    private static byte[] readDataChunk(Path file, WavHeader header) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate((int) (header.frameCount() * header.blockAlign()));
            while (buf.hasRemaining() && ch.read(buf, header.dataOffset() + buf.position()) >= 0) {
                // keep reading until the buffer is full or the file ends
            }
            return Arrays.copyOf(buf.array(), buf.position());
        }
    }

    // data: interleaved little-endian frames, header.channels() samples each
    private static float[] toMono(Path file, byte[] data, WavHeader header) throws WavFormatException {
        int channels = header.channels();
        int bytesPerSample = header.blockAlign() / channels;
        boolean isFloat = header.formatTag() == WavSampleFormat.TAG_IEEE_FLOAT;
        int frames = (int) header.frameCount();
        float[] mono = new float[frames];
        for (int frame = 0; frame < frames; frame++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                int at = (frame * channels + c) * bytesPerSample;
                double v = isFloat ? floatSample(data, at, bytesPerSample) : pcmSample(data, at, bytesPerSample);
                if (!Double.isFinite(v)) {
                    throw new WavFormatException(file, "sample " + frame + " of channel " + c + " is " + v
                            + "; float WAV samples must be finite");
                }
                sum += v;
            }
            mono[frame] = (float) (sum / channels);
        }
        return mono;
    }

    private static double pcmSample(byte[] b, int at, int bytes) {
        if (bytes == 1) return ((b[at] & 0xFF) - 128) / 128.0;  // WAV stores 8-bit PCM unsigned
        long v = 0;
        for (int i = bytes - 1; i >= 0; i--) v = (v << 8) | (b[at + i] & 0xFF);
        int shift = 64 - 8 * bytes;
        long signed = (v << shift) >> shift;  // sign-extend from the sample's top bit
        return signed / (double) (1L << (8 * bytes - 1));
    }

    private static double floatSample(byte[] b, int at, int bytes) {
        long v = 0;
        for (int i = bytes - 1; i >= 0; i--) v = (v << 8) | (b[at + i] & 0xFF);
        return bytes == 4 ? Float.intBitsToFloat((int) v) : Double.longBitsToDouble(v);
    }
}
