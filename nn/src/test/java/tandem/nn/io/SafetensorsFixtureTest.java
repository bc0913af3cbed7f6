package tandem.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.tensor.DType;
import tandem.tensor.Tensor;

/**
 * Byte-exact fixtures written out by hand from the format definition: what the reference implementation (and so
 * PyTorch's {@code safetensors.torch.save_file}) produces for the same tensors, and files as it writes them.
 */
class SafetensorsFixtureTest {
    @TempDir
    Path dir;

    @Test
    void writesTheReferenceBytes() throws Exception {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("c", Tensor.of(new float[0], 0));
        tensors.put("b", Tensor.of(new float[] {1f, -2f}, 2));
        tensors.put("a", Tensor.of(new double[] {0.5}));
        Path file = dir.resolve("fixture.safetensors");
        Safetensors.write(file, tensors, Map.of("format", "pt"));

        // F64 before F32 (widest first), then by name; 193 bytes of JSON padded with 7 spaces to 200.
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"a\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]},"
                + "\"c\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[16,16]}}"
                + "       ";
        byte[] expected = SpecBytes.header(header)
                .bytes(0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xE0, 0x3F)    // 0.5 as little-endian IEEE double
                .bytes(0x00, 0x00, 0x80, 0x3F)                            // 1.0f
                .bytes(0x00, 0x00, 0x00, 0xC0)                            // -2.0f
                .toArray();
        assertEquals(200, header.length());
        assertArrayEquals(expected, Files.readAllBytes(file));
    }

    @Test
    void headerWithoutMetadataOmitsTheKeyAndIsPaddedWithSpaces() throws Exception {
        Path file = dir.resolve("w.safetensors");
        Safetensors.write(file, Map.of("weight", Tensor.of(new float[] {0.25f, 3f}, 1, 2)));
        String json = "{\"weight\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[0,8]}}";   // 61 bytes
        byte[] expected = SpecBytes.header(json + "   ").f32(0.25f, 3f).toArray();
        assertArrayEquals(expected, Files.readAllBytes(file));
    }

    @Test
    void namesSortAsUtf8BytesNotJavaChars() throws Exception {
        // U+FF21 is EF BC A1 in UTF-8 and U+1F600 is F0 9F 98 80: bytewise, U+FF21 comes first,
        // although Java's UTF-16 compareTo puts the surrogate pair (D83D...) before FF21.
        String fullwidthA = "\uFF21";
        String emoji = "\uD83D\uDE00";
        Path file = dir.resolve("u.safetensors");
        Safetensors.write(file, Map.of(emoji, Tensor.of(new float[] {2f}, 1), fullwidthA, Tensor.of(new float[] {1f}, 1)));
        String json = "{\"" + fullwidthA + "\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"" + emoji + "\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";   // 112 UTF-8 bytes
        byte[] expected = SpecBytes.headerBytes(json.getBytes(StandardCharsets.UTF_8)).f32(1f, 2f).toArray();
        assertArrayEquals(expected, Files.readAllBytes(file));
    }

    @Test
    void escapesStringsAsSerdeJsonDoes() throws Exception {
        Path file = dir.resolve("e.safetensors");
        Safetensors.write(file, Map.of("q\"b\\s", Tensor.of(new float[] {1f}, 1)), Map.of("note", "tab\tnl\n\u0001é/<>"));
        String json = "{\"__metadata__\":{\"note\":\"tab\\tnl\\n\\u0001é/<>\"},"
                + "\"q\\\"b\\\\s\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        byte[] raw = json.getBytes(StandardCharsets.UTF_8);
        String padded = json + " ".repeat((8 - raw.length % 8) % 8);
        byte[] expected = SpecBytes.header(padded).f32(1f).toArray();
        assertArrayEquals(expected, Files.readAllBytes(file));
        SafetensorsFile back = Safetensors.read(file);
        assertEquals("tab\tnl\n\u0001é/<>", back.metadata().get("note"));
        assertEquals(List.of("q\"b\\s"), List.copyOf(back.tensors().keySet()));
    }

    @Test
    void readsTheReferenceDocumentationExample() throws Exception {
        // The reference's own example: a 2x2 I32 tensor of zeros, 60-byte header, no padding.
        Path file = SpecBytes.header("{\"test\":{\"dtype\":\"I32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}")
                .zeros(16).writeTo(dir.resolve("doc.safetensors"));
        Tensor t = Safetensors.read(file).tensor("test");
        assertEquals(DType.F64, t.dtype());
        assertArrayEquals(new int[] {2, 2}, t.shape());
        assertArrayEquals(new double[4], t.toDoubleArray());
    }

    @Test
    void readsAPyTorchStyleStateDictWithHalfPrecisionAndIntegerTensors() throws Exception {
        // As torch writes a half-precision model with batch norm: I64 counter, F16 and BF16 weights, unsorted keys
        // in the header (older writers), offsets still tiling the buffer.
        String json = "{\"fc.weight\":{\"dtype\":\"F16\",\"shape\":[2,3],\"data_offsets\":[8,20]},"
                + "\"bn.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]},"
                + "\"fc.bias\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[20,24]},"
                + "\"__metadata__\":{\"format\":\"pt\"}}";
        Path file = SpecBytes.header(json)
                .bytes(0x39, 0x30, 0, 0, 0, 0, 0, 0)                 // 12345 as little-endian int64
                .bytes(0x00, 0x3C, 0x00, 0xC0, 0xFF, 0x7B)           // F16: 1, -2, 65504 (largest finite)
                .bytes(0x01, 0x00, 0x00, 0x7C, 0x00, 0x80)           // F16: 2^-24 (smallest subnormal), +inf, -0
                .bytes(0x80, 0x3F, 0x49, 0x40)                       // BF16: 1, 3.140625
                .writeTo(dir.resolve("pt.safetensors"));
        SafetensorsFile f = Safetensors.read(file);
        assertEquals(List.of("bn.num_batches_tracked", "fc.weight", "fc.bias"), List.copyOf(f.tensors().keySet()));
        assertEquals(Map.of("format", "pt"), f.metadata());
        assertEquals(12345.0, f.tensor("bn.num_batches_tracked").item());
        Tensor w = f.tensor("fc.weight");
        assertEquals(DType.F32, w.dtype());
        assertArrayEquals(new float[] {1f, -2f, 65504f, 0x1.0p-24f, Float.POSITIVE_INFINITY, -0f}, w.toFloatArray());
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(w.toFloatArray()[5]));
        assertArrayEquals(new float[] {1f, 3.140625f}, f.tensor("fc.bias").toFloatArray());

        SafetensorsHeader h = Safetensors.readHeader(file);
        assertEquals(SafetensorsDType.F16, h.entry("fc.weight").orElseThrow().dtype());
        assertEquals(24, h.dataLength());
        assertEquals(8 + json.length(), h.dataStart());
    }
}
