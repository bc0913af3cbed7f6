package tandem.emotion.infer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tandem.emotion.model.EmotionModel;
import tandem.emotion.model.ModelSpec;
import tandem.nn.Seeds;
import tandem.nn.io.Safetensors;
import tandem.tensor.Tensor;

/** Untrained models saved the way training saves them ({@link RunCheckpoint}): "model.*" tensors, an "optim.*" tensor, the spec and classes. */
public final class TestCheckpoints {
    public static final String PROPOSED = "preset=tiny,fusion=window,head=classmap";
    public static final String BASELINE = "preset=tiny,fusion=msaf,head=linear";
    public static final String CLASSES = "anger,joy,neutral,sad";

    private TestCheckpoints() {}

    public static EmotionModel model(String spec, long seed) {
        Seeds.set(seed);
        return new EmotionModel(ModelSpec.parse(spec));
    }

    public static Path save(EmotionModel model, Path file) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (var e : model.stateDict().entrySet()) tensors.put("model." + e.getKey(), e.getValue());
        tensors.put("optim.step", Tensor.zeros(1));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(RunCheckpoint.META_MODEL, model.spec().toString());
        meta.put(RunCheckpoint.META_CLASSES, CLASSES);
        Safetensors.write(file, tensors, meta);
        return file;
    }
}
