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

    /** Names shown per kind of difference in {@link #summary}. */
    public static final int SHOWN = 3;

    /** One line: the count of each kind of difference and its first few names. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) parts.add(firstFew("missing", missing));
        if (!unexpected.isEmpty()) parts.add(firstFew("unexpected", unexpected));
        if (!mismatched.isEmpty()) parts.add(firstFew("mismatched", mismatched));
        return parts.isEmpty() ? "state dicts match" : String.join("; ", parts);
    }

    private static String firstFew(String kind, List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(SHOWN, names.size())));
        return kind + " " + names.size() + " (" + shown + (names.size() > SHOWN ? ", and " + (names.size() - SHOWN) + " more" : "") + ")";
    }

    /** Every difference, one per line ("missing fc.bias", "mismatched fc.weight: expected ..."). */
    public List<String> details() {
        List<String> out = new ArrayList<>();
        for (String n : missing) out.add("missing " + n);
        for (String n : unexpected) out.add("unexpected " + n);
        for (String n : mismatched) out.add("mismatched " + n);
        return out;
    }

    /** Throws, naming the file and summarising the differences (all of them in the exception's details), unless clean. */
    public void requireClean(Path file) throws CheckpointException {
        if (!isClean()) {
            throw new CheckpointException(file + ": does not match the model's tensors: " + summary(), details());
        }
    }
}
