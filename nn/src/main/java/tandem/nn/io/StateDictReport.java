package tandem.nn.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The differences between the tensors a model expects and those a checkpoint holds: names the model wants but
 * the file lacks, names the file has but the model does not know, and names present in both whose dtype or shape
 * differ (each with both descriptions).
 */
public record StateDictReport(List<String> missing, List<String> unexpected, List<String> mismatched) {
    public StateDictReport {
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
        mismatched = List.copyOf(mismatched);
    }

    public boolean isClean() { return missing.isEmpty() && unexpected.isEmpty() && mismatched.isEmpty(); }

    /** One line per kind of difference; "state dicts match" when there are none. */
    public String message() {
        if (isClean()) return "state dicts match";
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) parts.add("missing " + missing.size() + ": " + String.join(", ", missing));
        if (!unexpected.isEmpty()) parts.add("unexpected " + unexpected.size() + ": " + String.join(", ", unexpected));
        if (!mismatched.isEmpty()) parts.add("mismatched " + mismatched.size() + ": " + String.join("; ", mismatched));
        return String.join("\n", parts);
    }

    /** Throws, naming the file and every difference, unless the checkpoint matches. */
    public void requireClean(Path file) throws CheckpointException {
        if (!isClean()) throw CheckpointException.of(file, "does not match the model's tensors:\n" + message());
    }
}
