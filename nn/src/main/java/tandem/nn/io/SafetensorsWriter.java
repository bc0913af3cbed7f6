package tandem.nn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tandem.tensor.DType;
import tandem.tensor.Tensor;

/**
 * Lays out and writes a safetensors file in the reference order: tensors sorted by element type, widest first,
 * then by name (compared as UTF-8 bytes, as Rust compares strings), packed back to back with no gaps.
 * Tensor data is fetched from its device one tensor at a time, so writing never holds more than one extra host
 * copy.
 */
final class SafetensorsWriter {
    private static final int CHUNK_BYTES = 1 << 20;

    private final Path file;
    private final List<TensorEntry> entries = new ArrayList<>();
    private final Map<String, Tensor> tensors;
    private final Map<String, String> metadata;

    SafetensorsWriter(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws CheckpointException {
        this.file = file;
        this.tensors = tensors;
        this.metadata = sortedMetadata(file, metadata);
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name == null) throw CheckpointException.of(file, "a tensor name is null");
            if (name.equals("__metadata__")) {
                throw CheckpointException.of(file, name, "the name is reserved for the metadata table");
            }
            if (e.getValue() == null) throw CheckpointException.of(file, name, "the tensor is null");
            names.add(name);
        }
        names.sort(Comparator.comparing((String n) -> fileType(tensors.get(n)).ordinal()).reversed()
                .thenComparing(SafetensorsWriter::utf8, Arrays::compareUnsigned));
        long offset = 0;
        for (String name : names) {
            Tensor t = tensors.get(name);
            SafetensorsDType type = fileType(t);
            long end = offset + t.numel() * type.bytes();
            entries.add(new TensorEntry(name, type, t.shape(), offset, end));
            offset = end;
        }
    }

    void writeTo(FileChannel ch) throws IOException {
        byte[] header = HeaderJson.encode(entries, metadata);
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).flip();
        writeFully(ch, length);
        writeFully(ch, ByteBuffer.wrap(header));
        ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (TensorEntry e : entries) {
            Tensor t = tensors.get(e.name());
            if (e.dtype() == SafetensorsDType.F32) writeF32(ch, chunk, hostF32(e.name(), t));
            else writeF64(ch, chunk, hostF64(e.name(), t));
        }
    }

    private float[] hostF32(String name, Tensor t) throws CheckpointException {
        try {
            return t.toFloatArray();
        } catch (RuntimeException ex) {
            throw new CheckpointException(file + ": tensor '" + name + "': cannot read its data: " + ex.getMessage(), ex);
        }
    }

    private double[] hostF64(String name, Tensor t) throws CheckpointException {
        try {
            return t.toDoubleArray();
        } catch (RuntimeException ex) {
            throw new CheckpointException(file + ": tensor '" + name + "': cannot read its data: " + ex.getMessage(), ex);
        }
    }

    private static void writeF32(FileChannel ch, ByteBuffer chunk, float[] data) throws IOException {
        for (int i = 0; i < data.length; ) {
            int n = Math.min(data.length - i, chunk.capacity() / Float.BYTES);
            chunk.clear();
            chunk.asFloatBuffer().put(data, i, n);
            chunk.limit(n * Float.BYTES);
            writeFully(ch, chunk);
            i += n;
        }
    }

    private static void writeF64(FileChannel ch, ByteBuffer chunk, double[] data) throws IOException {
        for (int i = 0; i < data.length; ) {
            int n = Math.min(data.length - i, chunk.capacity() / Double.BYTES);
            chunk.clear();
            chunk.asDoubleBuffer().put(data, i, n);
            chunk.limit(n * Double.BYTES);
            writeFully(ch, chunk);
            i += n;
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }

    private static SafetensorsDType fileType(Tensor t) {
        return t.dtype() == DType.F64 ? SafetensorsDType.F64 : SafetensorsDType.F32;
    }

    private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    // The reference keeps metadata in a hash map, so its order is unspecified; sorting makes Tandem's files
    // reproducible bit for bit.
    private static Map<String, String> sortedMetadata(Path file, Map<String, String> metadata) throws CheckpointException {
        Map<String, String> sorted = new LinkedHashMap<>();
        if (metadata == null) return sorted;
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, String> kv : metadata.entrySet()) {
            if (kv.getKey() == null || kv.getValue() == null) {
                throw CheckpointException.of(file, "metadata entry " + kv.getKey() + "=" + kv.getValue() + " has a null key or value");
            }
            keys.add(kv.getKey());
        }
        keys.sort(Comparator.comparing(SafetensorsWriter::utf8, Arrays::compareUnsigned));
        for (String k : keys) sorted.put(k, metadata.get(k));
        return sorted;
    }
}
