package tandem.nn.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import tandem.tensor.Tensor;

/**
 * Checkpoints in the safetensors format, the one PyTorch and the wider ecosystem read and write:
 * an 8-byte little-endian header length N, N bytes of UTF-8 JSON describing each tensor (dtype, shape, byte
 * range) plus optional string metadata, then the raw little-endian data. Loading runs no code and allocates
 * nothing until the header has been checked against the file.
 *
 * <p>Files written here are byte-identical to those of the reference implementation given the same tensors and
 * (at most one, or sorted) metadata entries, and are replaced atomically: an existing file survives a failed write.
 */
public final class Safetensors {
    /** The largest header accepted, as in the reference implementation. */
    public static final long MAX_HEADER_BYTES = HeaderParser.MAX_HEADER_BYTES;

    private Safetensors() {}

    /** Writes F32 and F64 tensors (from any device) with string metadata, replacing {@code file} atomically. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        SafetensorsWriter writer = new SafetensorsWriter(file, tensors, metadata);
        AtomicFiles.write(file, writer::writeTo);
    }

    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    /**
     * Loads every tensor onto the CPU, in data order. F32 and F64 load as they are, F16 and BF16 widen to F32,
     * integers and booleans load as F64 (refused beyond 2^53), 8-bit floats are refused; see
     * {@link SafetensorsDType#loadsAs()}.
     */
    public static SafetensorsFile read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            SafetensorsHeader header = HeaderParser.read(file, ch);
            TensorDecoder decoder = new TensorDecoder(file, ch, header.dataStart());
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (TensorEntry e : header.entries()) tensors.put(e.name(), decoder.decode(e));
            return new SafetensorsFile(tensors, header.metadata());
        }
    }

    /** Reads and validates the header alone: names, dtypes, shapes, offsets and metadata, without the data. */
    public static SafetensorsHeader readHeader(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return HeaderParser.read(file, ch);
        }
    }
}
