package tandem.nn.io;

import java.nio.file.Path;
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

    /**
     * Fails, naming the file, the tensor and the first offending element, unless every value is finite: a NaN or an
     * infinite weight gives NaN predictions that look like any others.
     */
    public void requireFinite(Path file) throws CheckpointException {
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            int bad = firstNonFinite(e.getValue());
            if (bad >= 0) {
                throw CheckpointException.of(file, e.getKey(), "element " + bad + " is " + e.getValue().toDoubleArray()[bad]
                        + "; a checkpoint's values must be finite (was the training that wrote it diverging?)");
            }
        }
    }

    private static int firstNonFinite(Tensor t) {
        if (t.dtype() == tandem.tensor.DType.F32) {
            float[] v = t.toFloatArray();
            for (int i = 0; i < v.length; i++) if (!Float.isFinite(v[i])) return i;
        } else {
            double[] v = t.toDoubleArray();
            for (int i = 0; i < v.length; i++) if (!Double.isFinite(v[i])) return i;
        }
        return -1;
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
