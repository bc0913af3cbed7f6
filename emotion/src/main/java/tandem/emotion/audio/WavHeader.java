package tandem.emotion.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The chunk layout of a RIFF/WAVE file, read byte by byte.
 *
 * <p>javax.sound.sampled decodes the samples, but it silently hands back fewer frames than the
 * header promises when a file is cut short. Reading the chunk sizes ourselves lets the reader tell a
 * truncated file from a complete one, and name the real format tag of an unsupported encoding.
 *
 * @param formatTag        WAVE_FORMAT_* tag, with WAVE_FORMAT_EXTENSIBLE resolved to its sub-format
 * @param dataOffset       byte offset of the first sample
 * @param dataBytes        size of the sample data the data chunk declares
 * @param availableBytes   sample bytes actually present in the file
 */
record WavHeader(int formatTag, int channels, int sampleRate, int bitsPerSample, int blockAlign,
                 long dataOffset, long dataBytes, long availableBytes) {

    private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;
    /** Writers that stream to a pipe cannot seek back, and leave one of these in the size field. */
    private static final long SIZE_UNKNOWN_ZERO = 0L;
    private static final long SIZE_UNKNOWN_MAX = 0xFFFFFFFFL;

    boolean isTruncated() { return availableBytes < dataBytes; }

    long frameCount() { return dataBytes / blockAlign; }

    static WavHeader read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileBytes = ch.size();
            if (fileBytes < 12) {
                throw new WavFormatException(file, "not a WAV file: " + fileBytes + " bytes is too short for a RIFF header");
            }
            ByteBuffer head = readAt(ch, 0, 12);
            String riff = fourCc(head, 0);
            String wave = fourCc(head, 8);
            if (riff.equals("RF64")) {
                throw new WavFormatException(file, "unsupported WAV variant: RF64 (64-bit sizes)");
            }
            if (!riff.equals("RIFF") || !wave.equals("WAVE")) {
                throw new WavFormatException(file, "not a WAV file: expected 'RIFF....WAVE', found '"
                        + printable(riff) + "...." + printable(wave) + "'");
            }
            return readChunks(file, ch, fileBytes);
        }
    }

    private static WavHeader readChunks(Path file, FileChannel ch, long fileBytes) throws IOException {
        ByteBuffer fmt = null;
        long pos = 12;
        while (pos + 8 <= fileBytes) {
            ByteBuffer chunkHead = readAt(ch, pos, 8);
            String id = fourCc(chunkHead, 0);
            long size = Integer.toUnsignedLong(chunkHead.getInt(4));
            long body = pos + 8;
            if (id.equals("fmt ")) {
                if (size < 16 || body + size > fileBytes) {
                    throw new WavFormatException(file, "corrupt header: fmt chunk of " + size
                            + " bytes (need at least 16, and " + (fileBytes - body) + " remain in the file)");
                }
                fmt = readAt(ch, body, (int) Math.min(size, 40));
            } else if (id.equals("data")) {
                if (fmt == null) throw new WavFormatException(file, "corrupt header: data chunk before any fmt chunk");
                return fromFmt(file, fmt, body, size, fileBytes);
            }
            // RIFF pads every chunk to an even length.
            pos = body + size + (size & 1);
        }
        throw new WavFormatException(file, fmt == null
                ? "corrupt header: no fmt chunk" : "corrupt header: no data chunk (file may be truncated)");
    }

    private static WavHeader fromFmt(Path file, ByteBuffer fmt, long dataOffset, long declared, long fileBytes)
            throws WavFormatException {
        int tag = Short.toUnsignedInt(fmt.getShort(0));
        int channels = Short.toUnsignedInt(fmt.getShort(2));
        long sampleRate = Integer.toUnsignedLong(fmt.getInt(4));
        int blockAlign = Short.toUnsignedInt(fmt.getShort(12));
        int bits = Short.toUnsignedInt(fmt.getShort(14));
        if (tag == WAVE_FORMAT_EXTENSIBLE) {
            if (fmt.limit() < 40) {
                throw new WavFormatException(file, "corrupt header: WAVE_FORMAT_EXTENSIBLE fmt chunk shorter than 40 bytes");
            }
            // The first two bytes of the sub-format GUID carry the ordinary format tag.
            tag = Short.toUnsignedInt(fmt.getShort(24));
        }
        if (channels == 0 || sampleRate == 0 || sampleRate > Integer.MAX_VALUE || bits == 0) {
            throw new WavFormatException(file, "corrupt header: " + channels + " channels, " + sampleRate
                    + " Hz, " + bits + " bits per sample");
        }
        if (blockAlign != channels * ((bits + 7) / 8)) {
            throw new WavFormatException(file, "corrupt header: block align " + blockAlign + " does not match "
                    + channels + " channels of " + bits + " bits");
        }
        long present = fileBytes - dataOffset;
        boolean sizeUnknown = declared == SIZE_UNKNOWN_ZERO || declared == SIZE_UNKNOWN_MAX;
        long dataBytes = sizeUnknown ? present - present % blockAlign : declared;
        return new WavHeader(tag, channels, (int) sampleRate, bits, blockAlign, dataOffset, dataBytes,
                Math.min(present, dataBytes));
    }

    private static ByteBuffer readAt(FileChannel ch, long pos, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            if (ch.read(buf, pos + buf.position()) < 0) break;
        }
        buf.flip();
        return buf;
    }

    private static String fourCc(ByteBuffer buf, int at) {
        byte[] id = new byte[4];
        for (int i = 0; i < 4; i++) id[i] = buf.get(at + i);
        return new String(id, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) out.append(c >= 0x20 && c < 0x7F ? c : '?');
        return out.toString();
    }
}
