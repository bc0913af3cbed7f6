package tandem.emotion.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tandem.nn.Sequential;
import tandem.nn.Seeds;
import tandem.nn.layers.Linear;
import tandem.tensor.Tensor;

/** Tensors by name into a model: what is loaded, missing, unexpected or of another shape, and that only the loaded change. */
class WeightTransferTest {
    private static Sequential twoLayers(long seed) {
        Seeds.set(seed);
        return new Sequential(new Linear(2, 3), new Linear(3, 1));   // 0.weight (3, 2), 0.bias (3), 1.weight (1, 3), 1.bias (1)
    }

    @Test
    void sortsEveryNameAndLoadsOnlyWhatFits() {
        Sequential model = twoLayers(1);
        Map<String, Tensor> before = model.stateDict();
        Tensor oldBias = before.get("1.bias").copy(), oldOutWeight = before.get("1.weight").copy();
        Map<String, Tensor> source = new LinkedHashMap<>();
        source.put("0.weight", Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2));
        source.put("0.bias", Tensor.of(new double[] {7, 8, 9}, 3));
        source.put("1.weight", Tensor.of(new double[] {1, 2}, 1, 2));          // the model's is (1, 3)
        source.put("head.weight", Tensor.of(new double[] {0}, 1));               // the model has no head
        WeightTransfer.Report r = WeightTransfer.match(model, source, name -> true);

        assertEquals(List.of("0.weight", "0.bias"), r.loaded());
        assertEquals(List.of("1.bias"), r.missing());
        assertEquals(List.of("head.weight"), r.unexpected());
        assertEquals(List.of("1.weight (checkpoint [1, 2], model [1, 3])"), r.shapeMismatched());
        assertFalse(r.exact());
        assertEquals("loaded 2 tensor(s); missing 1: 1.bias; unexpected 1: head.weight; shape-mismatched 1: 1.weight (checkpoint [1, 2], model [1, 3])",
                r.summary());

        WeightTransfer.load(model, source, r);
        Map<String, Tensor> after = model.stateDict();
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, after.get("0.weight").toDoubleArray(), 0);
        assertArrayEquals(new double[] {7, 8, 9}, after.get("0.bias").toDoubleArray(), 0);
        assertArrayEquals(oldBias.toDoubleArray(), after.get("1.bias").toDoubleArray(), 0, "what is missing keeps its value");
        assertArrayEquals(oldOutWeight.toDoubleArray(), after.get("1.weight").toDoubleArray(), 0, "what does not fit keeps its value");
    }

    @Test
    void aScopeLeavesTheRestOutOfTheReport() {
        Sequential model = twoLayers(2);
        Map<String, Tensor> source = new LinkedHashMap<>(twoLayers(3).stateDict());
        source.remove("1.bias");
        WeightTransfer.Report r = WeightTransfer.match(model, source, name -> name.startsWith("0."));
        assertTrue(r.exact(), r.summary());
        assertEquals(List.of("0.weight", "0.bias"), r.loaded());
    }
}
