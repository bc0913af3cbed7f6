package tandem.emotion.explain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tandem.emotion.model.EmotionModel;
import tandem.emotion.model.ModelPreset;
import tandem.emotion.model.ModelSpec;
import tandem.emotion.train.FoldTrainer;
import tandem.emotion.train.InputSpec;
import tandem.nn.Seeds;
import tandem.nn.io.Safetensors;
import tandem.nn.io.SafetensorsFile;
import tandem.tensor.Tensor;

/**
 * Restores a {@link FoldTrainer} checkpoint as a ready-to-run model: the model spec stored in the metadata rebuilds the
 * network, the {@code model.*} tensors fill it, the {@code optim.*} tensors are ignored. Every problem is an
 * {@link IOException} that names the file.
 */
public final class Checkpoints {
    static final String MODEL_PREFIX = "model.";

    private Checkpoints() {}

    public static TrainedModel load(Path file) throws IOException {
        if (!Files.exists(file)) throw new IOException("checkpoint " + file + ": no such file");
        if (Files.isDirectory(file)) throw new IOException("checkpoint " + file + ": is a folder, expected a .safetensors file");
        SafetensorsFile contents = Safetensors.read(file);
        ModelSpec spec = specOf(file, contents.metadata());
        List<String> classes = classesOf(file, contents.metadata(), spec);

        Map<String, Tensor> state = new LinkedHashMap<>();
        for (var e : contents.tensors().entrySet()) {
            if (e.getKey().startsWith(MODEL_PREFIX)) state.put(e.getKey().substring(MODEL_PREFIX.length()), e.getValue());
        }
        if (state.isEmpty()) throw new IOException("checkpoint " + file + ": holds no '" + MODEL_PREFIX + "*' tensors");
        Seeds.set(0);   // the initial weights are overwritten; a fixed seed just keeps construction reproducible
        EmotionModel model = new EmotionModel(spec);
        try {
            model.loadStateDict(state, true);
        } catch (IllegalArgumentException e) {
            throw new IOException("checkpoint " + file + ": does not fit the model " + spec + ": " + e.getMessage(), e);
        }
        model.eval();
        return new TrainedModel(file, model, classes, inputFor(spec.preset()));
    }

    /** What a preset reads: 30-frame sub-segments, its clip size, its MFCC front end (the training geometry). */
    public static InputSpec inputFor(ModelPreset p) {
        return new InputSpec(30, p.video().frames(), p.video().size(), p.video().size(), p.mfccCoefficients(), p.audioFrames(),
                p.sampleRate(), p.nFft(), p.hop());
    }

    private static ModelSpec specOf(Path file, Map<String, String> meta) throws IOException {
        String text = meta.get(FoldTrainer.META_MODEL);
        if (text == null) {
            throw new IOException("checkpoint " + file + ": not a Tandem checkpoint, its metadata has no '" + FoldTrainer.META_MODEL
                    + "' (the model spec); metadata keys: " + meta.keySet());
        }
        try {
            return ModelSpec.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IOException("checkpoint " + file + ": model spec '" + text + "' cannot be used: " + e.getMessage(), e);
        }
    }

    private static List<String> classesOf(Path file, Map<String, String> meta, ModelSpec spec) throws IOException {
        String text = meta.get(FoldTrainer.META_CLASSES);
        if (text == null) {
            throw new IOException("checkpoint " + file + ": metadata has no '" + FoldTrainer.META_CLASSES + "' (the class names)");
        }
        List<String> classes = Arrays.stream(text.split(",")).map(String::trim).toList();
        if (classes.size() != spec.classes() || classes.stream().anyMatch(String::isEmpty)) {
            throw new IOException("checkpoint " + file + ": class names '" + text + "' do not give the " + spec.classes()
                    + " classes of the model spec");
        }
        return classes;
    }
}
