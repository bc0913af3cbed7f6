package tandem.nn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import tandem.tensor.Tensor;
import tandem.tensor.memory.CpuStorage;

/**
 * Turns the little-endian bytes of one validated header entry into a CPU tensor. F32 and F64 load as they are;
 * F16 and BF16 widen exactly to F32; integer and boolean tensors (PyTorch stores e.g. a batch norm's
 * {@code num_batches_tracked} as I64) load as F64, which holds them exactly up to 2^53, and larger
 * magnitudes are refused rather than rounded. 8-bit floats are refused.
 * Data is read in bounded chunks straight into the result array.
 */
final class TensorDecoder {
    private static final int CHUNK_BYTES = 1 << 20;
    private static final long MAX_EXACT = 1L << 53;
    private static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private final Path file;
    private final FileChannel ch;
    private final long dataStart;
    private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);

    TensorDecoder(Path file, FileChannel ch, long dataStart) {
        this.file = file;
        this.ch = ch;
        this.dataStart = dataStart;
    }

    Tensor decode(TensorEntry e) throws IOException {
        if (e.numel() > MAX_ELEMENTS) {
            throw CheckpointException.of(file, e.name(), e.numel() + " elements exceed the Java array limit");
        }
        int n = (int) e.numel();
        return switch (e.dtype()) {
            case F32, F16, BF16 -> Tensor.of(CpuStorage.wrap(readFloats(e, n)), e.shape());
            case F64, BOOL, U8, I8, I16, U16, I32, U32, I64, U64 -> Tensor.of(CpuStorage.wrap(readDoubles(e, n)), e.shape());
            case F8_E5M2, F8_E4M3 -> throw CheckpointException.of(file, e.name(),
                    "dtype " + e.dtype() + " cannot be loaded; convert it to F16, BF16 or F32 first");
        };
    }

    private float[] readFloats(TensorEntry e, int n) throws IOException {
        float[] out = new float[n];
        int size = e.dtype().bytes();
        long pos = dataStart + e.begin();
        for (int i = 0; i < n; ) {
            int count = Math.min(n - i, CHUNK_BYTES / size);
            fill(e, pos, count * size);
            switch (e.dtype()) {
                case F32 -> chunk.asFloatBuffer().get(out, i, count);
                case F16 -> { for (int k = 0; k < count; k++) out[i + k] = HalfFloats.fromF16(chunk.getShort(2 * k)); }
                case BF16 -> { for (int k = 0; k < count; k++) out[i + k] = HalfFloats.fromBF16(chunk.getShort(2 * k)); }
                default -> throw new IllegalStateException("not a float type: " + e.dtype());
            }
            i += count;
            pos += (long) count * size;
        }
        return out;
    }

    private double[] readDoubles(TensorEntry e, int n) throws IOException {
        double[] out = new double[n];
        int size = e.dtype().bytes();
        long pos = dataStart + e.begin();
        for (int i = 0; i < n; ) {
            int count = Math.min(n - i, CHUNK_BYTES / size);
            fill(e, pos, count * size);
            if (e.dtype() == SafetensorsDType.F64) {
                chunk.asDoubleBuffer().get(out, i, count);
            } else {
                for (int k = 0; k < count; k++) out[i + k] = integer(e, k * size);
            }
            i += count;
            pos += (long) count * size;
        }
        return out;
    }

    private double integer(TensorEntry e, int at) throws CheckpointException {
        return switch (e.dtype()) {
            case BOOL -> chunk.get(at) != 0 ? 1 : 0;
            case U8 -> chunk.get(at) & 0xFF;
            case I8 -> chunk.get(at);
            case I16 -> chunk.getShort(at);
            case U16 -> chunk.getShort(at) & 0xFFFF;
            case I32 -> chunk.getInt(at);
            case U32 -> chunk.getInt(at) & 0xFFFFFFFFL;
            case I64 -> exact(e, chunk.getLong(at), false);
            case U64 -> exact(e, chunk.getLong(at), true);
            default -> throw new IllegalStateException("not an integer type: " + e.dtype());
        };
    }

    private double exact(TensorEntry e, long v, boolean unsigned) throws CheckpointException {
        boolean fits = unsigned ? Long.compareUnsigned(v, MAX_EXACT) <= 0 : Math.abs(v) <= MAX_EXACT && v != Long.MIN_VALUE;
        if (!fits) {
            String text = unsigned ? Long.toUnsignedString(v) : Long.toString(v);
            throw CheckpointException.of(file, e.name(), "value " + text + " of " + e.dtype()
                    + " cannot be held exactly as F64 (|v| > 2^53)");
        }
        return v;
    }

    private void fill(TensorEntry e, long position, int bytes) throws IOException {
        chunk.clear().limit(bytes);
        while (chunk.hasRemaining()) {
            int got = ch.read(chunk, position + chunk.position());
            if (got < 0) throw CheckpointException.of(file, e.name(), "file ended inside the tensor's data (truncated while being read?)");
        }
        chunk.flip();
    }
}
