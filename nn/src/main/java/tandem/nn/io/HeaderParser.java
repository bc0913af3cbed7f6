package tandem.nn.io;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates a safetensors header with the reference implementation's rules, before any tensor data is
 * touched: the declared header length must fit the 100 MB limit and the file; the header must be UTF-8 JSON
 * (strict, one object); every tensor needs a known dtype, a shape and {@code data_offsets} whose span equals
 * shape x element size; sorted by offset, the tensors must tile the data buffer exactly, from 0 to the end of the
 * file, with no gap, overlap or trailing bytes. Allocation is bounded by the size of the file.
 */
final class HeaderParser {
    /** The reference's limit on the header length. */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    /** Far above any real model and PyTorch's own limit; keeps a hostile shape list from costing memory. */
    static final int MAX_RANK = 64;

    private final Path file;

    private HeaderParser(Path file) { this.file = file; }

    static SafetensorsHeader read(Path file, FileChannel ch) throws IOException {
        return new HeaderParser(file).read(ch);
    }

    private SafetensorsHeader read(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 8) throw fail("file is " + size + " bytes, too short to hold the 8-byte header length");
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, len, 0);
        long n = len.flip().getLong();
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw fail("header length " + Long.toUnsignedString(n) + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
        }
        if (8 + n > size) {
            throw fail("header length " + n + " runs past the end of the file (" + size + " bytes)");
        }
        ByteBuffer raw = ByteBuffer.allocate((int) n);
        readFully(ch, raw, 8);
        String json = decodeUtf8(raw.flip());
        if (json.isEmpty() || json.charAt(0) != '{') throw fail("header does not start with '{'");

        Map<String, String> metadata = new LinkedHashMap<>();
        List<TensorEntry> entries = parse(json, metadata);
        entries.sort(Comparator.comparingLong(TensorEntry::begin).thenComparingLong(TensorEntry::end));
        long dataEnd = checkTiling(entries);
        long available = size - 8 - n;
        if (dataEnd < available) {
            throw fail("file has " + (available - dataEnd) + " bytes after the last tensor's data (the tensors cover "
                    + dataEnd + " of " + available + " data bytes)");
        }
        if (dataEnd > available) {
            String last = entries.get(entries.size() - 1).name();
            throw failTensor(last, "data ends at byte " + dataEnd + " of the data buffer, but the file holds only "
                    + available + " data bytes (truncated?)");
        }
        return new SafetensorsHeader(entries, metadata, n);
    }

    private List<TensorEntry> parse(String json, Map<String, String> metadata) throws CheckpointException {
        List<TensorEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean sawMetadata = false;
        try (JsonReader r = new JsonReader(new StringReader(json))) {
            r.setStrictness(Strictness.STRICT);
            r.beginObject();
            while (r.hasNext()) {
                String name = r.nextName();
                if (name.equals("__metadata__")) {
                    if (sawMetadata) throw fail("header has '__metadata__' twice");
                    sawMetadata = true;
                    readMetadata(r, metadata);
                } else {
                    if (!names.add(name)) throw failTensor(name, "appears twice in the header");
                    entries.add(readEntry(r, name));
                }
            }
            r.endObject();
            if (r.peek() != JsonToken.END_DOCUMENT) throw fail("header has content after its JSON object");
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(file + ": header is not valid JSON: " + e.getMessage(), e);
        }
        return entries;
    }

    private void readMetadata(JsonReader r, Map<String, String> metadata) throws IOException {
        if (r.peek() == JsonToken.NULL) {   // the reference reads null as "no metadata"
            r.nextNull();
            return;
        }
        if (r.peek() != JsonToken.BEGIN_OBJECT) throw fail("'__metadata__' must be an object of strings, found " + r.peek());
        r.beginObject();
        while (r.hasNext()) {
            String key = r.nextName();
            if (r.peek() != JsonToken.STRING) throw fail("metadata '" + key + "' must be a string, found " + r.peek());
            if (metadata.put(key, r.nextString()) != null) throw fail("metadata key '" + key + "' appears twice");
        }
        r.endObject();
    }

    private TensorEntry readEntry(JsonReader r, String name) throws IOException {
        if (r.peek() != JsonToken.BEGIN_OBJECT) throw failTensor(name, "entry must be an object, found " + r.peek());
        SafetensorsDType dtype = null;
        int[] shape = null;
        long[] offsets = null;
        r.beginObject();
        while (r.hasNext()) {
            String field = r.nextName();
            switch (field) {
                case "dtype" -> {
                    if (dtype != null) throw failTensor(name, "field 'dtype' appears twice");
                    if (r.peek() != JsonToken.STRING) throw failTensor(name, "'dtype' must be a string, found " + r.peek());
                    String type = r.nextString();
                    dtype = SafetensorsDType.parse(type).orElseThrow(() -> failTensor(name, "unknown dtype '" + type + "'"));
                }
                case "shape" -> {
                    if (shape != null) throw failTensor(name, "field 'shape' appears twice");
                    shape = readShape(r, name);
                }
                case "data_offsets" -> {
                    if (offsets != null) throw failTensor(name, "field 'data_offsets' appears twice");
                    offsets = readOffsets(r, name);
                }
                default -> r.skipValue();   // the reference ignores fields it does not know
            }
        }
        r.endObject();
        if (dtype == null) throw failTensor(name, "missing field 'dtype'");
        if (shape == null) throw failTensor(name, "missing field 'shape'");
        if (offsets == null) throw failTensor(name, "missing field 'data_offsets'");
        return new TensorEntry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private int[] readShape(JsonReader r, String name) throws IOException {
        if (r.peek() != JsonToken.BEGIN_ARRAY) throw failTensor(name, "'shape' must be an array, found " + r.peek());
        List<Integer> dims = new ArrayList<>();
        r.beginArray();
        while (r.hasNext()) {
            if (dims.size() == MAX_RANK) throw failTensor(name, "shape has more than " + MAX_RANK + " dimensions");
            long d = readCount(r, name, "shape");
            if (d > Integer.MAX_VALUE) throw failTensor(name, "dimension " + d + " is larger than " + Integer.MAX_VALUE);
            dims.add((int) d);
        }
        r.endArray();
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    private long[] readOffsets(JsonReader r, String name) throws IOException {
        if (r.peek() != JsonToken.BEGIN_ARRAY) throw failTensor(name, "'data_offsets' must be an array, found " + r.peek());
        long[] o = new long[2];
        int count = 0;
        r.beginArray();
        while (r.hasNext()) {
            if (count == 2) throw failTensor(name, "'data_offsets' must hold exactly 2 numbers");
            o[count++] = readCount(r, name, "data_offsets");
        }
        r.endArray();
        if (count != 2) throw failTensor(name, "'data_offsets' must hold exactly 2 numbers, found " + count);
        return o;
    }

    /** A non-negative integer written without fraction or exponent, as Rust's usize accepts. */
    private long readCount(JsonReader r, String name, String field) throws IOException {
        if (r.peek() != JsonToken.NUMBER) throw failTensor(name, "'" + field + "' holds " + r.peek() + ", not a number");
        String text = r.nextString();
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw failTensor(name, "'" + field + "' holds " + text + ", not a non-negative integer below 10^18");
        }
        return Long.parseLong(text);
    }

    /** Checks that the offset-sorted tensors tile [0, end) exactly and that each span fits its shape and dtype. */
    private long checkTiling(List<TensorEntry> entries) throws CheckpointException {
        long expectedBegin = 0;
        String previous = null;
        for (TensorEntry e : entries) {
            if (e.end() < e.begin()) {
                throw failTensor(e.name(), "data_offsets [" + e.begin() + ", " + e.end() + "] are reversed");
            }
            if (e.begin() > expectedBegin) {
                throw failTensor(e.name(), "data_offsets [" + e.begin() + ", " + e.end() + "] leave bytes "
                        + expectedBegin + ".." + e.begin() + " of the data buffer unused"
                        + (previous == null ? "" : " after tensor '" + previous + "'"));
            }
            if (e.begin() < expectedBegin) {
                throw failTensor(e.name(), "data_offsets [" + e.begin() + ", " + e.end() + "] overlap tensor '"
                        + previous + "', which ends at " + expectedBegin);
            }
            long bytes = byteSize(e);
            if (bytes != e.byteLength()) {
                throw failTensor(e.name(), "shape " + Arrays.toString(e.shape()) + " of " + e.dtype()
                        + " needs " + bytes + " bytes but data_offsets [" + e.begin() + ", " + e.end() + "] span "
                        + e.byteLength());
            }
            expectedBegin = e.end();
            previous = e.name();
        }
        return expectedBegin;
    }

    private long byteSize(TensorEntry e) throws CheckpointException {
        try {
            long n = e.dtype().bytes();
            for (int d : e.shape()) n = Math.multiplyExact(n, d);
            return n;
        } catch (ArithmeticException overflow) {
            throw failTensor(e.name(), "shape " + Arrays.toString(e.shape()) + " overflows a 64-bit byte count");
        }
    }

    private String decodeUtf8(ByteBuffer raw) throws CheckpointException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(raw).toString();
        } catch (CharacterCodingException e) {
            throw fail("header is not valid UTF-8");
        }
    }

    private void readFully(FileChannel ch, ByteBuffer dst, long position) throws IOException {
        while (dst.hasRemaining()) {
            int got = ch.read(dst, position);
            if (got < 0) throw fail("file ended early while reading the header (was it truncated while being read?)");
            position += got;
        }
    }

    private CheckpointException fail(String problem) { return CheckpointException.of(file, problem); }

    private CheckpointException failTensor(String tensor, String problem) {
        return CheckpointException.of(file, tensor, problem);
    }
}
