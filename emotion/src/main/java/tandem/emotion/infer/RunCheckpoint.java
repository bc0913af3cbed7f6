package tandem.emotion.infer;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
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
import tandem.nn.io.CheckpointException;
import tandem.nn.io.Safetensors;
import tandem.nn.io.SafetensorsFile;
import tandem.nn.io.SafetensorsHeader;
import tandem.nn.io.StateDictCheck;
import tandem.nn.io.TensorEntry;
import tandem.nn.io.TensorSpec;
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
        SafetensorsFile contents = Safetensors.read(file);
        contents.requireFinite(file);
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

    /**
     * Restores {@code model} and {@code optimizer} from {@code file}; returns the history of the epochs it holds, at
     * most {@code maxEpochs}. Every part is checked before it is used: the header against the model's and optimizer's
     * tensors before any data is read, the values for NaN and infinity, the history for its form and its length.
     */
    public static List<EpochStats> resume(Path file, Module model, Optimizer optimizer, int maxEpochs) throws IOException {
        SafetensorsHeader header = Safetensors.readHeader(file);
        requireFits(file, header, model);
        requireOptimizerFits(file, header, optimizer);
        List<EpochStats> history = CheckpointHistory.parse(file, header.metadata(), maxEpochs);
        SafetensorsFile f = Safetensors.read(file);
        f.requireFinite(file);
        try {
            model.loadStateDict(withPrefix(f.tensors(), MODEL_PREFIX), true);
            optimizer.loadStateDict(withPrefix(f.tensors(), OPTIM_PREFIX));
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file + ": checkpoint does not fit this model: " + e.getMessage(), e);
        }
        return history;
    }

    /** The training history of {@code file}, checked (see {@link #resume}), from its header alone. */
    public static List<EpochStats> history(Path file, int maxEpochs) throws IOException {
        return CheckpointHistory.parse(file, Safetensors.readHeader(file).metadata(), maxEpochs);
    }

    /** Restores only the model's weights from {@code file} (a checkpoint written with or without optimizer state). */
    public static void restoreModel(Path file, Module model) throws IOException {
        requireFits(file, Safetensors.readHeader(file), model);
        model.loadStateDict(readModelTensors(file), true);
    }

    /** The model as a ready-to-run, eval-mode network, with its class names and input geometry. */
    public static TrainedModel load(Path file) throws IOException {
        SafetensorsHeader header = Safetensors.readHeader(file);     // a regular file with a valid header; no data read yet
        ModelSpec spec = specOf(file, header.metadata());              // ranges and memory checked before the model is built
        List<String> classes = classesOf(file, header.metadata(), spec);
        if (header.entries().stream().noneMatch(e -> e.name().startsWith(MODEL_PREFIX))) {
            throw new CheckpointException("checkpoint " + file + ": holds no '" + MODEL_PREFIX + "*' tensors");
        }
        Seeds.set(0);   // the initial weights are overwritten; a fixed seed just keeps construction reproducible
        EmotionModel model = new EmotionModel(spec);
        requireFits(file, header, model);
        model.loadStateDict(readModelTensors(file), true);
        model.eval();
        return new TrainedModel(file, model, classes, spec.preset().input());
    }

    /** The model's tensors, finite, without the prefix; read only once the header has been found to fit. */
    private static Map<String, Tensor> readModelTensors(Path file) throws IOException {
        SafetensorsFile f = Safetensors.read(file, name -> name.startsWith(MODEL_PREFIX));
        f.requireFinite(file);
        return withPrefix(f.tensors(), MODEL_PREFIX);
    }

    /** The header's model tensors against the model's, by name, dtype and shape; a mismatch is summarised. */
    private static void requireFits(Path file, SafetensorsHeader header, Module model) throws CheckpointException {
        Map<String, TensorSpec> expected = new LinkedHashMap<>();
        for (var e : model.stateDict().entrySet()) expected.put(MODEL_PREFIX + e.getKey(), TensorSpec.of(e.getValue()));
        List<TensorEntry> own = header.entries().stream().filter(e -> e.name().startsWith(MODEL_PREFIX)).toList();
        StateDictCheck.compare(expected, new SafetensorsHeader(own, header.metadata(), header.headerLength())).requireClean(file);
    }

    /** Optimizer state: "steps" (one value) and "{parameter}.{slot}", each slot shaped like its parameter. */
    private static void requireOptimizerFits(Path file, SafetensorsHeader header, Optimizer optimizer) throws CheckpointException {
        List<String> problems = new ArrayList<>();
        for (TensorEntry e : header.entries()) {
            if (!e.name().startsWith(OPTIM_PREFIX)) continue;
            String name = e.name().substring(OPTIM_PREFIX.length());
            if (name.equals("steps")) {
                if (e.numel() != 1) problems.add("mismatched " + e.name() + ": expected one value, found shape " + Arrays.toString(e.shape()));
                continue;
            }
            int[] expected = slotShape(name, optimizer);
            if (expected == null) problems.add("unexpected " + e.name());
            else if (!Arrays.equals(expected, e.shape())) {
                problems.add("mismatched " + e.name() + ": expected shape " + Arrays.toString(expected) + ", found " + Arrays.toString(e.shape()));
            }
        }
        if (header.entry(OPTIM_PREFIX + "steps").isEmpty()) problems.add("missing " + OPTIM_PREFIX + "steps");
        if (!problems.isEmpty()) {
            throw new CheckpointException(file + ": optimizer state does not fit the model: " + problems.size() + " problem(s), first: "
                    + problems.get(0), problems);
        }
    }

    private static int[] slotShape(String name, Optimizer optimizer) {
        int dot = name.indexOf('.');
        if (dot <= 0) return null;
        try {
            int i = Integer.parseInt(name.substring(0, dot));
            return i >= 0 && i < optimizer.params().size() ? optimizer.params().get(i).shape() : null;
        } catch (NumberFormatException e) {
            return null;
        }
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
            throw new CheckpointException("checkpoint " + file + ": not a Tandem checkpoint, its metadata has no '" + META_MODEL
                    + "' (the model spec); metadata keys: " + meta.keySet());
        }
        try {
            return ModelSpec.parse(text);
        } catch (UnknownNameException e) {
            throw new IOException("checkpoint " + file + " needs " + missingParts(text, meta) + "; " + PLUGIN_HINT, e);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException("checkpoint " + file + ": model spec '" + abbreviate(text) + "' cannot be used: " + e.getMessage(), e);
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
            throw new CheckpointException("checkpoint " + file + ": metadata has no '" + META_CLASSES + "' (the class names)");
        }
        List<String> classes = Arrays.stream(text.split(",")).map(String::trim).toList();
        if (classes.size() != spec.classes() || classes.stream().anyMatch(String::isEmpty)) {
            throw new CheckpointException("checkpoint " + file + ": class names '" + abbreviate(text) + "' do not give the " + spec.classes()
                    + " classes of the model spec");
        }
        return classes;
    }

    /** Metadata is the file's to choose: shown up to a line's worth. */
    static String abbreviate(String text) {
        return text.length() <= 160 ? text : text.substring(0, 150) + "... (" + text.length() + " characters)";
    }
}
