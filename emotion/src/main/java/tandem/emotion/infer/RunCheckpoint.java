package tandem.emotion.infer;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tandem.emotion.model.EmotionModel;
import tandem.emotion.model.HeadRegistry;
import tandem.emotion.model.ModelSpec;
import tandem.emotion.model.UnknownNameException;
import tandem.emotion.model.fusion.FusionRegistry;
import tandem.nn.Module;
import tandem.nn.Seeds;
import tandem.nn.io.Safetensors;
import tandem.nn.io.SafetensorsFile;
import tandem.nn.optim.Optimizer;
import tandem.tensor.Device;
import tandem.tensor.Tensor;

/**
 * The one place that knows a run's checkpoint format. A checkpoint is a safetensors file with the model's
 * {@code state_dict} under {@code model.*} (PyTorch names), the optimizer state under {@code optim.*}, and in its
 * metadata the model spec, the class names in logit order, and the training history. Training writes it after every
 * epoch and resumes from it; {@code predict} and {@code explain} rebuild the network from it alone. Every problem is
 * an {@link IOException} that names the file.
 */
public final class RunCheckpoint {
    public static final String MODEL_PREFIX = "model.", OPTIM_PREFIX = "optim.";
    /** Metadata keys: the model spec, the class names (comma-separated, logit order), epochs done, the history (JSON). */
    public static final String META_MODEL = "model_spec", META_CLASSES = "classes", META_EPOCHS = "epochs_done",
            META_HISTORY = "history";
    /** Metadata keys: the class (and jar or folder) that provided the fusion variant and the head a model was built with. */
    public static final String META_FUSION_PROVIDER = "fusion_provider", META_HEAD_PROVIDER = "head_provider";
    /** What to tell a user whose checkpoint needs a variant that no jar on the class path provides. */
    public static final String PLUGIN_HINT = "add the jar that provides it with --plugin JAR (or the TANDEM_PLUGINS variable)";

    /** NaN allowed: an epoch without a validation split has NaN validation scores. */
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private RunCheckpoint() {}

    /**
     * The metadata that makes a checkpoint usable on its own: the model spec, the class names, and which classes
     * provided its fusion variant and head (so a checkpoint of a plugin variant names what it needs).
     */
    public static Map<String, String> describe(String modelSpec, List<String> classes) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(META_MODEL, modelSpec);
        meta.put(META_CLASSES, String.join(",", classes));
        ModelSpec spec = ModelSpec.parse(modelSpec);
        if (spec.hasFusion()) meta.put(META_FUSION_PROVIDER, FusionRegistry.provider(spec.fusion()));
        meta.put(META_HEAD_PROVIDER, HeadRegistry.provider(spec.head()));
        return meta;
    }

    /** A checkpoint's model tensors (names without the {@code model.} prefix), with its model spec and class names as written. */
    public record Weights(Path file, String modelSpec, List<String> classes, Map<String, Tensor> tensors) {}

    /** The model tensors of {@code file}, without building the model: the source of {@code train --init}. */
    public static Weights weights(Path file) throws IOException {
        requireFile(file);
        SafetensorsFile contents = Safetensors.read(file);
        Map<String, String> meta = contents.metadata();
        String spec = meta.get(META_MODEL), classes = meta.get(META_CLASSES);
        if (spec == null || classes == null) {
            throw new IOException("checkpoint " + file + ": not a Tandem checkpoint, its metadata lacks '" + META_MODEL + "' or '" + META_CLASSES + "'");
        }
        Map<String, Tensor> state = withPrefix(contents.tensors(), MODEL_PREFIX);
        if (state.isEmpty()) throw new IOException("checkpoint " + file + ": holds no '" + MODEL_PREFIX + "*' tensors");
        return new Weights(file, spec, Arrays.stream(classes.split(",")).map(String::trim).toList(), state);
    }

    /**
     * Writes model, optimizer state (when {@code optimizer} is not null), {@code describe} and the history, atomically:
     * a reader sees the previous checkpoint or this one, never a mix.
     */
    public static void save(Path file, Module model, Optimizer optimizer, Map<String, String> describe, List<EpochStats> history)
            throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (var e : model.stateDict().entrySet()) tensors.put(MODEL_PREFIX + e.getKey(), e.getValue().to(Device.CPU));
        if (optimizer != null) {
            for (var e : optimizer.stateDict().entrySet()) tensors.put(OPTIM_PREFIX + e.getKey(), e.getValue().to(Device.CPU));
        }
        Map<String, String> meta = new LinkedHashMap<>(describe);
        meta.put(META_EPOCHS, Integer.toString(history.size()));
        meta.put(META_HISTORY, GSON.toJson(history));
        Safetensors.write(file, tensors, meta);
    }

    /** Restores {@code model} and {@code optimizer} from {@code file}; returns the history of the epochs it holds. */
    public static List<EpochStats> resume(Path file, Module model, Optimizer optimizer) throws IOException {
        SafetensorsFile f = Safetensors.read(file);
        try {
            model.loadStateDict(withPrefix(f.tensors(), MODEL_PREFIX), true);
            optimizer.loadStateDict(withPrefix(f.tensors(), OPTIM_PREFIX));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": checkpoint does not fit this model: " + e.getMessage(), e);
        }
        String h = f.metadata().get(META_HISTORY);
        if (h == null) throw new IOException(file + ": checkpoint has no training history in its metadata");
        try {
            List<EpochStats> history = GSON.fromJson(h, new TypeToken<List<EpochStats>>() {}.getType());
            return new ArrayList<>(history);
        } catch (JsonParseException e) {
            throw new IOException(file + ": the training history in its metadata is not readable: " + e.getMessage(), e);
        }
    }

    /** Restores only the model's weights from {@code file} (a checkpoint written with or without optimizer state). */
    public static void restoreModel(Path file, Module model) throws IOException {
        try {
            model.loadStateDict(withPrefix(Safetensors.read(file).tensors(), MODEL_PREFIX), true);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": checkpoint does not fit this model: " + e.getMessage(), e);
        }
    }

    /** The model as a ready-to-run, eval-mode network, with its class names and input geometry. */
    public static TrainedModel load(Path file) throws IOException {
        requireFile(file);
        SafetensorsFile contents = Safetensors.read(file);
        ModelSpec spec = specOf(file, contents.metadata());
        List<String> classes = classesOf(file, contents.metadata(), spec);

        Map<String, Tensor> state = withPrefix(contents.tensors(), MODEL_PREFIX);
        if (state.isEmpty()) throw new IOException("checkpoint " + file + ": holds no '" + MODEL_PREFIX + "*' tensors");
        Seeds.set(0);   // the initial weights are overwritten; a fixed seed just keeps construction reproducible
        EmotionModel model = new EmotionModel(spec);
        try {
            model.loadStateDict(state, true);
        } catch (IllegalArgumentException e) {
            throw new IOException("checkpoint " + file + ": does not fit the model " + spec + ": " + e.getMessage(), e);
        }
        model.eval();
        return new TrainedModel(file, model, classes, spec.preset().input());
    }

    private static void requireFile(Path file) throws IOException {
        if (!Files.exists(file)) throw new IOException("checkpoint " + file + ": no such file");
        if (Files.isDirectory(file)) throw new IOException("checkpoint " + file + ": is a folder, expected a .safetensors file");
    }

    /** The tensors whose names start with {@code prefix}, with the prefix taken off. */
    private static Map<String, Tensor> withPrefix(Map<String, Tensor> tensors, String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (var e : tensors.entrySet()) {
            if (e.getKey().startsWith(prefix)) out.put(e.getKey().substring(prefix.length()), e.getValue());
        }
        return out;
    }

    private static ModelSpec specOf(Path file, Map<String, String> meta) throws IOException {
        String text = meta.get(META_MODEL);
        if (text == null) {
            throw new IOException("checkpoint " + file + ": not a Tandem checkpoint, its metadata has no '" + META_MODEL
                    + "' (the model spec); metadata keys: " + meta.keySet());
        }
        try {
            return ModelSpec.parse(text);
        } catch (UnknownNameException e) {
            throw new IOException("checkpoint " + file + " needs " + missingParts(text, meta) + "; " + PLUGIN_HINT, e);
        } catch (IllegalArgumentException e) {
            throw new IOException("checkpoint " + file + ": model spec '" + text + "' cannot be used: " + e.getMessage(), e);
        }
    }

    /** "fusion variant 'x' (trained with P) and head 'y' (...), which are not installed", for what no registry knows. */
    private static String missingParts(String spec, Map<String, String> meta) {
        Map<String, String> entries = ModelSpec.entriesIn(spec);
        List<String> missing = new ArrayList<>();
        String fusion = entries.getOrDefault("fusion", ModelSpec.NO_FUSION), head = entries.getOrDefault("head", "linear");
        if (!fusion.equals(ModelSpec.NO_FUSION) && !FusionRegistry.names().contains(fusion)) {
            missing.add("fusion variant '" + fusion + "'" + trainedWith(meta.get(META_FUSION_PROVIDER)));
        }
        if (!HeadRegistry.names().contains(head)) missing.add("head '" + head + "'" + trainedWith(meta.get(META_HEAD_PROVIDER)));
        return String.join(" and ", missing) + (missing.size() > 1 ? ", which are" : ", which is") + " not installed";
    }

    private static String trainedWith(String provider) { return provider == null ? "" : " (trained with " + provider + ")"; }

    private static List<String> classesOf(Path file, Map<String, String> meta, ModelSpec spec) throws IOException {
        String text = meta.get(META_CLASSES);
        if (text == null) {
            throw new IOException("checkpoint " + file + ": metadata has no '" + META_CLASSES + "' (the class names)");
        }
        List<String> classes = Arrays.stream(text.split(",")).map(String::trim).toList();
        if (classes.size() != spec.classes() || classes.stream().anyMatch(String::isEmpty)) {
            throw new IOException("checkpoint " + file + ": class names '" + text + "' do not give the " + spec.classes()
                    + " classes of the model spec");
        }
        return classes;
    }
}
