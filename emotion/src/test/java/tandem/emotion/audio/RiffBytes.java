package tandem.emotion.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds RIFF/WAVE byte streams by hand, for headers WavWriter would never produce. */
final class RiffBytes {

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    RiffBytes chunk(String id, byte[] payload) {
        return chunk(id, payload, payload.length);
    }

    /** A chunk whose size field says declaredSize, whatever the payload's real length. */
    RiffBytes chunk(String id, byte[] payload, long declaredSize) {
        body.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(le(4).putInt((int) declaredSize).array());
        body.writeBytes(payload);
        if ((payload.length & 1) == 1) body.write(0);
        return this;
    }

    byte[] build() {
        byte[] content = body.toByteArray();
        ByteBuffer out = le(12 + content.length);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + content.length)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII)).put(content);
        return out.array();
    }

    static byte[] fmt(int tag, int channels, int rate, int bits) {
        int blockAlign = channels * ((bits + 7) / 8);
        return le(16).putShort((short) tag).putShort((short) channels).putInt(rate)
                .putInt(rate * blockAlign).putShort((short) blockAlign).putShort((short) bits).array();
    }

    /** WAVE_FORMAT_EXTENSIBLE fmt chunk whose sub-format GUID starts with subTag. */
    static byte[] fmtExtensible(int subTag, int channels, int rate, int bits) {
        ByteBuffer b = le(40);
        b.put(fmt(0xFFFE, channels, rate, bits));
        b.putShort((short) 22).putShort((short) bits).putInt(channels == 1 ? 0x4 : 0x3);
        // KSDATAFORMAT_SUBTYPE GUID: tag, then the fixed tail 0000-0010-8000-00AA00389B71
        b.putInt(subTag).putShort((short) 0x0000).putShort((short) 0x0010);
        b.put(new byte[] {(byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71});
        return b.array();
    }

    static byte[] pcm16(short... samples) {
        ByteBuffer b = le(2 * samples.length);
        for (short s : samples) b.putShort(s);
        return b.array();
    }

    static byte[] float32(float... samples) {
        ByteBuffer b = le(4 * samples.length);
        for (float s : samples) b.putFloat(s);
        return b.array();
    }

    static byte[] float64(double... samples) {
        ByteBuffer b = le(8 * samples.length);
        for (double s : samples) b.putDouble(s);
        return b.array();
    }

    static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
