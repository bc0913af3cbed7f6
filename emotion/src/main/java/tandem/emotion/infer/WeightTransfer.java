package tandem.emotion.infer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tandem.nn.Module;
import tandem.tensor.Shape;
import tandem.tensor.Tensor;

/**
 * Copies tensors from a checkpoint into a model by name: what fine-tuning ({@code train --init}) and starting a fusion
 * model from unimodal branches ({@code --init-video}, {@code --init-audio}) do. {@link #match} sorts every name into
 * loaded, missing (the model has it, the source does not), unexpected (the source has it, the model does not) and
 * shape-mismatched; {@link #load} copies the loaded ones and leaves every other tensor of the model as it was.
 */
public final class WeightTransfer {
    private WeightTransfer() {}

    /** How a source's tensors meet a model's, by name; each list in the model's (or, for unexpected, the source's) order. */
    public record Report(List<String> loaded, List<String> missing, List<String> unexpected, List<String> shapeMismatched) {
        public Report {
            loaded = List.copyOf(loaded);
            missing = List.copyOf(missing);
            unexpected = List.copyOf(unexpected);
            shapeMismatched = List.copyOf(shapeMismatched);
        }

        /** Every tensor of the model found with its shape, and nothing left over. */
        public boolean exact() { return missing.isEmpty() && unexpected.isEmpty() && shapeMismatched.isEmpty(); }

        /** "loaded 52 tensors; missing 4: a, b, ...; unexpected 0; shape-mismatched 2: c (...), ..." */
        public String summary() {
            return "loaded " + loaded.size() + " tensor(s); missing " + listed(missing) + "; unexpected " + listed(unexpected)
                    + "; shape-mismatched " + listed(shapeMismatched);
        }

        private static String listed(List<String> names) {
            if (names.isEmpty()) return "0";
            List<String> shown = names.size() <= 6 ? names : names.subList(0, 6);
            return names.size() + ": " + String.join(", ", shown) + (names.size() > shown.size() ? ", ..." : "");
        }
    }

    /**
     * Sorts the names of {@code model}'s state dict and of {@code source}. Only model tensors accepted by {@code scope}
     * take part (the rest are neither loaded nor missing: another source or a fresh start provides them).
     */
    public static Report match(Module model, Map<String, Tensor> source, Predicate<String> scope) {
        Map<String, Tensor> own = model.stateDict();
        List<String> loaded = new ArrayList<>(), missing = new ArrayList<>(), unexpected = new ArrayList<>(), mismatched = new ArrayList<>();
        for (var e : own.entrySet()) {
            if (!scope.test(e.getKey())) continue;
            Tensor src = source.get(e.getKey());
            if (src == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(src.shape(), e.getValue().shape())) {
                mismatched.add(e.getKey() + " (checkpoint " + Shape.str(src.shape()) + ", model " + Shape.str(e.getValue().shape()) + ")");
            } else {
                loaded.add(e.getKey());
            }
        }
        for (String name : source.keySet()) if (!own.containsKey(name)) unexpected.add(name);
        return new Report(loaded, missing, unexpected, mismatched);
    }

    /** Copies the tensors {@code report} found loadable from {@code source} into {@code model}, in place (dtype converted). */
    public static void load(Module model, Map<String, Tensor> source, Report report) {
        Map<String, Tensor> merged = new LinkedHashMap<>(model.stateDict());
        for (String name : report.loaded()) merged.put(name, source.get(name).to(merged.get(name).dtype()));
        model.loadStateDict(merged, true);
    }
}
