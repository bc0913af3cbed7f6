package tandem.nn.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Assembles safetensors files byte by byte from the format's definition, independently of the writer. */
final class SpecBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Starts a file whose header is {@code json} exactly as given (no padding added). */
    static SpecBytes header(String json) {
        return headerBytes(json.getBytes(StandardCharsets.UTF_8));
    }

    static SpecBytes headerBytes(byte[] json) {
        SpecBytes b = new SpecBytes();
        b.u64(json.length);
        b.out.writeBytes(json);
        return b;
    }

    SpecBytes u64(long v) {
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
        return this;
    }

    SpecBytes f32(float... vs) {
        ByteBuffer b = ByteBuffer.allocate(4 * vs.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vs) b.putFloat(v);
        out.writeBytes(b.array());
        return this;
    }

    SpecBytes f64(double... vs) {
        ByteBuffer b = ByteBuffer.allocate(8 * vs.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : vs) b.putDouble(v);
        out.writeBytes(b.array());
        return this;
    }

    /** Raw bytes, given as unsigned values 0..255. */
    SpecBytes bytes(int... vs) {
        for (int v : vs) out.write(v);
        return this;
    }

    SpecBytes zeros(int n) {
        out.writeBytes(new byte[n]);
        return this;
    }

    byte[] toArray() { return out.toByteArray(); }

    Path writeTo(Path file) throws IOException {
        Files.write(file, toArray());
        return file;
    }
}
