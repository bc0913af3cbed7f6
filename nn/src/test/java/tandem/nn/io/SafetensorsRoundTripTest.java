package tandem.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.tensor.DType;
import tandem.tensor.Tensor;

class SafetensorsRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void f32AndF64TensorsComeBackBitForBit() throws Exception {
        float[] w = {1.5f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, Float.NEGATIVE_INFINITY};
        double[] v = {Math.PI, -1e-300, Double.MIN_VALUE};
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("layer.weight", Tensor.of(w, 2, 3));
        in.put("layer.running_var", Tensor.of(v, 3));
        Path file = dir.resolve("m.safetensors");
        Safetensors.write(file, in, Map.of("epoch", "7", "model", "tiny"));

        SafetensorsFile out = Safetensors.read(file);
        assertEquals(Map.of("epoch", "7", "model", "tiny"), out.metadata());
        Tensor w2 = out.tensor("layer.weight");
        assertEquals(DType.F32, w2.dtype());
        assertArrayEquals(new int[] {2, 3}, w2.shape());
        float[] got = w2.toFloatArray();
        for (int i = 0; i < w.length; i++) assertEquals(Float.floatToRawIntBits(w[i]), Float.floatToRawIntBits(got[i]), "element " + i);
        Tensor v2 = out.tensor("layer.running_var");
        assertEquals(DType.F64, v2.dtype());
        assertArrayEquals(v, v2.toDoubleArray());
        // data order: F64 first, then F32
        assertEquals(List.of("layer.running_var", "layer.weight"), List.copyOf(out.tensors().keySet()));
    }

    @Test
    void scalarsAndEmptyTensorsKeepTheirShapes() throws Exception {
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("scalar32", Tensor.scalar(-3.25, DType.F32));
        in.put("scalar64", Tensor.scalar(1e100, DType.F64));
        in.put("empty", Tensor.of(new float[0], 0, 5));
        in.put("empty64", Tensor.of(new double[0], 4, 0));
        Path file = dir.resolve("s.safetensors");
        Safetensors.write(file, in, null);
        SafetensorsFile out = Safetensors.read(file);
        assertEquals(0, out.tensor("scalar32").dim());
        assertEquals(-3.25, out.tensor("scalar32").item());
        assertEquals(1e100, out.tensor("scalar64").item());
        assertArrayEquals(new int[] {0, 5}, out.tensor("empty").shape());
        assertArrayEquals(new int[] {4, 0}, out.tensor("empty64").shape());
        assertEquals(DType.F64, out.tensor("empty64").dtype());
        assertTrue(out.metadata().isEmpty());
    }

    @Test
    void anEmptyCheckpointIsValid() throws Exception {
        Path file = dir.resolve("none.safetensors");
        Safetensors.write(file, Map.of());
        assertEquals(16, Files.size(file));   // 8-byte length + "{}" padded to 8
        assertTrue(Safetensors.read(file).tensors().isEmpty());
    }

    @Test
    void nonContiguousViewsAreWrittenInLogicalOrder() throws Exception {
        Tensor base = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor t = base.transpose(0, 1);   // (3, 2): 1 4 / 2 5 / 3 6
        Path file = dir.resolve("t.safetensors");
        Safetensors.write(file, Map.of("t", t, "row", base.narrow(0, 1, 1)));
        SafetensorsFile out = Safetensors.read(file);
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, out.tensor("t").toFloatArray());
        assertArrayEquals(new int[] {3, 2}, out.tensor("t").shape());
        assertArrayEquals(new float[] {4, 5, 6}, out.tensor("row").toFloatArray());
    }

    @Test
    void largeTensorsCrossTheWriteAndReadChunkBoundaries() throws Exception {
        int n = 600_000;   // 2.4 MB of F32, 4.8 MB of F64: several 1 MiB chunks each, not a whole number of them
        Tensor a = Tensor.rand(11, n);
        Tensor b = Tensor.rand(12, n).to(DType.F64);
        Path file = dir.resolve("big.safetensors");
        Safetensors.write(file, Map.of("a", a, "b", b));
        SafetensorsFile out = Safetensors.read(file);
        assertArrayEquals(a.toFloatArray(), out.tensor("a").toFloatArray());
        assertArrayEquals(b.toDoubleArray(), out.tensor("b").toDoubleArray());
    }

    @Test
    void readHeaderDescribesTensorsWithoutLoadingThem() throws Exception {
        Path file = dir.resolve("h.safetensors");
        Safetensors.write(file, Map.of("w", Tensor.zeros(4, 3), "b", Tensor.zeros(4).to(DType.F64)), Map.of("k", "v"));
        SafetensorsHeader h = Safetensors.readHeader(file);
        assertEquals(2, h.entries().size());
        assertEquals(new TensorEntry("b", SafetensorsDType.F64, new int[] {4}, 0, 32), h.entries().get(0));
        assertEquals(new TensorEntry("w", SafetensorsDType.F32, new int[] {4, 3}, 32, 80), h.entries().get(1));
        assertEquals(Map.of("k", "v"), h.metadata());
        assertEquals(0, h.headerLength() % 8);
        assertEquals(Files.size(file), h.dataStart() + h.dataLength());
    }

    @Test
    void overwritingReplacesTheWholeFile() throws Exception {
        Path file = dir.resolve("o.safetensors");
        Safetensors.write(file, Map.of("big", Tensor.zeros(1000)));
        Safetensors.write(file, Map.of("small", Tensor.ones(2)));
        SafetensorsFile out = Safetensors.read(file);
        assertEquals(List.of("small"), List.copyOf(out.tensors().keySet()));
        assertArrayEquals(new float[] {1, 1}, out.tensor("small").toFloatArray());
    }

    @Test
    void missingTensorLookupNamesWhatExists() throws Exception {
        Path file = dir.resolve("x.safetensors");
        Safetensors.write(file, Map.of("fc.weight", Tensor.zeros(1, 1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Safetensors.read(file).tensor("fc.bias"));
        assertTrue(e.getMessage().contains("fc.bias") && e.getMessage().contains("fc.weight"), e.getMessage());
    }

    @Test
    void writerRejectsTheReservedNameAndNullMetadata() {
        Path file = dir.resolve("bad.safetensors");
        CheckpointException reserved = assertThrows(CheckpointException.class,
                () -> Safetensors.write(file, Map.of("__metadata__", Tensor.zeros(1))));
        assertTrue(reserved.getMessage().contains("__metadata__") && reserved.getMessage().contains("reserved"), reserved.getMessage());
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("k", null);
        CheckpointException nullValue = assertThrows(CheckpointException.class,
                () -> Safetensors.write(file, Map.of("w", Tensor.zeros(1)), meta));
        assertTrue(nullValue.getMessage().contains("metadata"), nullValue.getMessage());
        assertTrue(Files.notExists(file));
    }
}
