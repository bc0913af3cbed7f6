package tandem.nn.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tandem.tensor.Tensor;

/** The contents of a safetensors file: tensors by name, in data order, and the string metadata. */
public record SafetensorsFile(Map<String, Tensor> tensors, Map<String, String> metadata) {
    public SafetensorsFile {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The tensor called {@code name}; fails with the names that do exist. */
    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor '" + name + "' in checkpoint; it holds " + tensors.keySet());
        }
        return t;
    }
}
