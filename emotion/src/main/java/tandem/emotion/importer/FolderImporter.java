package tandem.emotion.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tandem.emotion.data.LabelSet;
import tandem.emotion.data.ManifestEntry;

/**
 * Any corpus laid out as one folder per label, {@code DIR/<label>/.../<clip>.<video>}: the label is the first folder
 * under DIR, the subject comes from a regular expression on the path below DIR ('/' separated; its first group, or the
 * whole match when it has none), and a WAV of the same name in the same folder is the clip's audio (otherwise the
 * video's own sound track, {@code from-video}). The clip id is the path below DIR without its extension.
 */
public final class FolderImporter implements DatasetImporter {
    /** By default the subject is the folder below the label's: {@code joy/kid07/take2.mp4} is subject {@code kid07}. */
    public static final String DEFAULT_SUBJECT = "^[^/]+/([^/]+)/";

    private final Pattern subject;

    public FolderImporter(String subjectRegex) {
        try {
            subject = Pattern.compile(subjectRegex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("--subject '" + subjectRegex + "' is not a regular expression: " + e.getDescription());
        }
    }

    @Override
    public String name() { return "folders"; }

    @Override
    public ImportReport scan(Path dir) throws IOException {
        List<ImportReport.Skipped> skipped = new ArrayList<>();
        Map<String, Path> videos = new TreeMap<>(), audios = new TreeMap<>();   // by relative path without extension
        for (Path f : MediaFiles.walk(dir)) {
            Path relative = dir.relativize(f);
            if (relative.getNameCount() < 2) {
                skipped.add(new ImportReport.Skipped(f, "not inside a label folder"));
                continue;
            }
            boolean video = MediaFiles.isVideo(f);
            if (!video && !MediaFiles.isWav(f)) {
                skipped.add(new ImportReport.Skipped(f, "neither a video nor a WAV file"));
                continue;
            }
            Optional<String> problem = MediaFiles.problem(f);
            if (problem.isPresent()) {
                skipped.add(new ImportReport.Skipped(f, problem.get()));
                continue;
            }
            String id = slashed(relative.resolveSibling(MediaFiles.stem(f)));
            Path earlier = (video ? videos : audios).putIfAbsent(id, f);
            if (earlier != null) skipped.add(new ImportReport.Skipped(f, "another " + (video ? "video" : "WAV") + " of the same name: " + dir.relativize(earlier)));
        }
        List<ManifestEntry> clips = new ArrayList<>();
        for (var e : videos.entrySet()) {
            Path f = e.getValue();
            String relative = slashed(dir.relativize(f));
            String label;
            try {
                label = LabelSet.normalise(relative.substring(0, relative.indexOf('/')));
            } catch (IllegalArgumentException ex) {
                skipped.add(new ImportReport.Skipped(f, "label folder: " + ex.getMessage()));
                continue;
            }
            Optional<String> who = subjectOf(relative);
            if (who.isEmpty()) {
                skipped.add(new ImportReport.Skipped(f, "no subject: the path does not match --subject '" + subject.pattern() + "'"));
                continue;
            }
            clips.add(new ManifestEntry(e.getKey(), f, Optional.ofNullable(audios.get(e.getKey())), label, who.get(), OptionalDouble.empty(),
                    OptionalDouble.empty()));
        }
        for (var e : audios.entrySet()) {
            if (!videos.containsKey(e.getKey())) skipped.add(new ImportReport.Skipped(e.getValue(), "WAV without a video of the same name"));
        }
        return new ImportReport(name(), dir, clips, skipped);
    }

    /** The subject in {@code relative}: the pattern's first group, or its whole match when it has no group. */
    Optional<String> subjectOf(String relative) {
        Matcher m = subject.matcher(relative);
        if (!m.find()) return Optional.empty();
        String s = m.groupCount() > 0 ? m.group(1) : m.group();
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }

    private static String slashed(Path p) { return p.toString().replace(p.getFileSystem().getSeparator(), "/"); }
}
