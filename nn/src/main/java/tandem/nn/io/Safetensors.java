package tandem.nn.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
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
        return read(file, name -> true);
    }

    /**
     * As {@link #read(Path)}, decoding only the tensors whose names {@code wanted} accepts (a checkpoint's model
     * without its optimizer state). Before any tensor is allocated, the file must be a regular file and what the
     * wanted tensors load as must fit in the memory this JVM has free.
     */
    public static SafetensorsFile read(Path file, Predicate<String> wanted) throws IOException {
        requireRegularFile(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            SafetensorsHeader header = HeaderParser.read(file, ch);
            requireMemory(file, header, wanted);
            TensorDecoder decoder = new TensorDecoder(file, ch, header.dataStart());
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (TensorEntry e : header.entries()) if (wanted.test(e.name())) tensors.put(e.name(), decoder.decode(e));
            return new SafetensorsFile(tensors, header.metadata());
        }
    }

    /** Reads and validates the header alone: names, dtypes, shapes, offsets and metadata, without the data. */
    public static SafetensorsHeader readHeader(Path file) throws IOException {
        requireRegularFile(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return HeaderParser.read(file, ch);
        }
    }

    /**
     * Refuses what is not a regular file before opening it: a folder, and a pipe or device, whose open would block
     * until some writer appears (a FIFO) or whose size means nothing (/dev/zero).
     */
    static void requireRegularFile(Path file) throws CheckpointException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw CheckpointException.of(file, "no such file");
        } catch (IOException e) {
            throw CheckpointException.of(file, "cannot be read: " + e.getMessage());
        }
        if (a.isDirectory()) throw CheckpointException.of(file, "is a folder, not a safetensors file");
        if (!a.isRegularFile()) throw CheckpointException.of(file, "is not a regular file (a pipe, socket or device); refusing to read it");
    }

    /** Elements widen as they load (F16 to F32, integers to F64): the bytes that counts is what the arrays will hold. */
    private static void requireMemory(Path file, SafetensorsHeader header, Predicate<String> wanted) throws CheckpointException {
        long bytes = 0;
        for (TensorEntry e : header.entries()) {
            if (!wanted.test(e.name())) continue;
            long size = e.dtype().loadsAs().map(d -> d.bytes()).orElse(0);
            bytes = saturatingAdd(bytes, saturatingMultiply(e.numel(), size));
        }
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > free) {
            throw CheckpointException.of(file, String.format(java.util.Locale.ROOT, "its tensors load as %.2f GiB, more than the %.2f GiB"
                    + " this JVM has free; refusing to read them (a damaged header, or a model too large for -Xmx)", bytes / GIB, free / GIB));
        }
    }

    private static final double GIB = 1L << 30;

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    private static long saturatingMultiply(long a, long b) {
        return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
