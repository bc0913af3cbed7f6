package tandem.nn.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tandem.tensor.DType;
import tandem.tensor.Tensor;

/**
 * Compares the tensors a model expects (name to dtype and shape) with those of a checkpoint, before any weight is
 * copied, so that a wrong file fails with the full list of differences rather than the first one. Dtypes compare
 * as the checkpoint loads (an F16 tensor counts as F32).
 */
public final class StateDictCheck {
    private StateDictCheck() {}

    /** Against a header alone: cheap, the data need not be read. */
    public static StateDictReport compare(Map<String, TensorSpec> expected, SafetensorsHeader found) {
        Map<String, String> description = new LinkedHashMap<>();
        Map<String, TensorSpec> specs = new LinkedHashMap<>();
        for (TensorEntry e : found.entries()) {
            Optional<DType> loaded = e.dtype().loadsAs();
            String shown = e.dtype() + " " + Arrays.toString(e.shape());
            if (loaded.isPresent()) {
                specs.put(e.name(), new TensorSpec(loaded.get(), e.shape()));
                if (loaded.get().name().equals(e.dtype().name())) description.put(e.name(), shown);
                else description.put(e.name(), shown + " (loads as " + loaded.get() + ")");
            } else {
                specs.put(e.name(), null);
                description.put(e.name(), shown + " (cannot be loaded)");
            }
        }
        return compare(expected, specs, description);
    }

    /** Against loaded tensors. */
    public static StateDictReport compare(Map<String, TensorSpec> expected, Map<String, Tensor> found) {
        Map<String, TensorSpec> specs = new LinkedHashMap<>();
        Map<String, String> description = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : found.entrySet()) {
            TensorSpec s = TensorSpec.of(e.getValue());
            specs.put(e.getKey(), s);
            description.put(e.getKey(), s.toString());
        }
        return compare(expected, specs, description);
    }

    /** A {@code null} found spec stands for a tensor that exists but cannot be loaded. */
    private static StateDictReport compare(Map<String, TensorSpec> expected, Map<String, TensorSpec> found,
                                           Map<String, String> description) {
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (Map.Entry<String, TensorSpec> e : expected.entrySet()) {
            String name = e.getKey();
            if (e.getValue() == null) throw new IllegalArgumentException("state dict check: expected spec for '" + name + "' is null");
            if (!found.containsKey(name)) {
                missing.add(name);
            } else if (!e.getValue().equals(found.get(name))) {
                mismatched.add(name + ": expected " + e.getValue() + ", found " + description.get(name));
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String name : found.keySet()) {
            if (!expected.containsKey(name)) unexpected.add(name);
        }
        return new StateDictReport(missing, unexpected, mismatched);
    }
}
