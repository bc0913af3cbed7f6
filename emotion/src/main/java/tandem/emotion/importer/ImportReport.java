package tandem.emotion.importer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tandem.emotion.data.ManifestEntry;

/**
 * What an import found: the clips, in a stable order (sorted by clip id), and every file it skipped with the reason.
 *
 * @param format the importer's name
 * @param dir    the folder that was scanned
 */
public record ImportReport(String format, Path dir, List<ManifestEntry> clips, List<Skipped> skipped) {
    /** Examples of skipped files shown per reason in {@link #summary}. */
    private static final int EXAMPLES = 3;

    /** A file that did not become (part of) a clip, with the reason in words. */
    public record Skipped(Path file, String reason) {}

    public ImportReport {
        clips = clips.stream().sorted((a, b) -> a.clip().compareTo(b.clip())).toList();
        skipped = List.copyOf(skipped);
    }

    public Map<String, Integer> clipsPerLabel() { return count(true); }

    public Map<String, Integer> clipsPerSubject() { return count(false); }

    private Map<String, Integer> count(boolean byLabel) {
        Map<String, Integer> out = new TreeMap<>();
        for (ManifestEntry e : clips) out.merge(byLabel ? e.label() : e.subject(), 1, Integer::sum);
        return out;
    }

    /** The skipped files grouped by reason, reasons in order of first appearance. */
    public Map<String, List<Path>> skippedByReason() {
        Map<String, List<Path>> out = new LinkedHashMap<>();
        for (Skipped s : skipped) out.computeIfAbsent(s.reason(), k -> new ArrayList<>()).add(s.file());
        return out;
    }

    /** A few lines for the console: totals, clips per label and per subject, skipped files by reason with examples. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        Map<String, Integer> labels = clipsPerLabel(), subjects = clipsPerSubject();
        sb.append(String.format("%s: %d clip(s) in %s: %d label(s), %d subject(s)%n", format, clips.size(), dir, labels.size(), subjects.size()));
        sb.append("clips per label:   ").append(joined(labels)).append('\n');
        sb.append("clips per subject: ").append(joined(subjects)).append('\n');
        if (skipped.isEmpty()) return sb.append("skipped: none\n").toString();
        sb.append("skipped ").append(skipped.size()).append(" file(s):\n");
        for (var e : skippedByReason().entrySet()) {
            List<Path> files = e.getValue();
            List<String> shown = files.stream().limit(EXAMPLES).map(f -> dir.relativize(f).toString()).toList();
            sb.append(String.format("  %d x %s: %s%s%n", files.size(), e.getKey(), String.join(", ", shown), files.size() > EXAMPLES ? ", ..." : ""));
        }
        return sb.toString();
    }

    private static String joined(Map<String, Integer> counts) {
        if (counts.isEmpty()) return "-";
        StringBuilder sb = new StringBuilder();
        counts.forEach((k, v) -> sb.append(sb.length() > 0 ? ", " : "").append(k).append(' ').append(v));
        return sb.toString();
    }
}
