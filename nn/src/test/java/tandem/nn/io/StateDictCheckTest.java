package tandem.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.tensor.DType;
import tandem.tensor.Tensor;

class StateDictCheckTest {
    @TempDir
    Path dir;

    private static Map<String, TensorSpec> model() {
        Map<String, TensorSpec> m = new LinkedHashMap<>();
        m.put("fc.weight", new TensorSpec(DType.F32, new int[] {4, 8}));
        m.put("fc.bias", new TensorSpec(DType.F32, new int[] {4}));
        m.put("bn.running_mean", new TensorSpec(DType.F32, new int[] {8}));
        return m;
    }

    @Test
    void matchingCheckpointIsClean() throws Exception {
        Path file = dir.resolve("ok.safetensors");
        Safetensors.write(file, Map.of("fc.weight", Tensor.zeros(4, 8), "fc.bias", Tensor.zeros(4), "bn.running_mean", Tensor.zeros(8)));
        StateDictReport fromHeader = StateDictCheck.compare(model(), Safetensors.readHeader(file));
        StateDictReport fromTensors = StateDictCheck.compare(model(), Safetensors.read(file).tensors());
        assertTrue(fromHeader.isClean() && fromTensors.isClean());
        assertEquals("state dicts match", fromHeader.message());
        fromHeader.requireClean(file);   // does not throw
    }

    @Test
    void listsMissingUnexpectedAndMismatchedByName() throws Exception {
        Path file = dir.resolve("bad.safetensors");
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("fc.weight", Tensor.zeros(4, 9));                     // wrong shape
        t.put("bn.running_mean", Tensor.zeros(8).to(DType.F64));    // wrong dtype
        t.put("head.weight", Tensor.zeros(2, 2));                   // not in the model
        Safetensors.write(file, t);

        StateDictReport r = StateDictCheck.compare(model(), Safetensors.readHeader(file));
        assertEquals(List.of("fc.bias"), r.missing());
        assertEquals(List.of("head.weight"), r.unexpected());
        assertEquals(List.of("fc.weight: expected F32 [4, 8], found F32 [4, 9]",
                "bn.running_mean: expected F32 [8], found F64 [8]"), r.mismatched());
        assertEquals(r, StateDictCheck.compare(model(), Safetensors.read(file).tensors()));

        CheckpointException e = assertThrows(CheckpointException.class, () -> r.requireClean(file));
        String m = e.getMessage();
        assertTrue(m.contains("bad.safetensors") && m.contains("missing 1 (fc.bias)") && m.contains("unexpected 1 (head.weight)")
                && m.contains("mismatched 2 (fc.weight") && !m.contains("\n"), m);
        assertEquals(4, e.details().size(), e.details().toString());
    }

    @Test
    void halfPrecisionCountsAsF32AndEightBitFloatsAsUnloadable() throws Exception {
        String json = "{\"fc.bias\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[0,8]},"
                + "\"fc.weight\":{\"dtype\":\"F8_E5M2\",\"shape\":[4,8],\"data_offsets\":[8,40]},"
                + "\"bn.running_mean\":{\"dtype\":\"BF16\",\"shape\":[8],\"data_offsets\":[40,56]}}";
        Path file = SpecBytes.header(json).zeros(56).writeTo(dir.resolve("h.safetensors"));
        StateDictReport r = StateDictCheck.compare(model(), Safetensors.readHeader(file));
        assertEquals(List.of(), r.missing());
        assertEquals(List.of(), r.unexpected());
        assertEquals(List.of("fc.weight: expected F32 [4, 8], found F8_E5M2 [4, 8] (cannot be loaded)"), r.mismatched());
    }

    @Test
    void nullExpectationIsNamed() {
        Map<String, TensorSpec> m = new LinkedHashMap<>();
        m.put("w", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StateDictCheck.compare(m, Map.<String, Tensor>of()));
        assertTrue(e.getMessage().contains("'w'"), e.getMessage());
    }
}
