package tandem.emotion.data;

import tandem.nn.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A dataset as a lab would hand it over: a UTF-8 CSV file with a header line naming the columns
 * {@code clip,video,audio,label,subject,start,end} (any order; {@code start} and {@code end} may be
 * left out or left empty; other columns are ignored). Media paths are relative to the manifest's
 * folder; {@code audio} may be {@value #AUDIO_FROM_VIDEO} to take the sound track of the video. A label is any name
 * without a comma ({@link LabelSet#normalise}); the labels found are the classes a run learns unless it picks some
 * ({@link #select}).
 * Blank lines and lines starting with {@code #} are skipped.
 *
 * <pre>
 * clip,video,audio,label,subject,start,end
 * s01-joy-00,video/s01-joy-00.mp4,audio/s01-joy-00.wav,joy,s01,,
 * kid7-take2,raw/kid7.mp4,from-video,sad,kid7,12.5,15.7
 * </pre>
 */
public final class Manifest {
    public static final String AUDIO_FROM_VIDEO = "from-video";
    public static final List<String> COLUMNS = List.of("clip", "video", "audio", "label", "subject", "start", "end");
    private static final List<String> REQUIRED = COLUMNS.subList(0, 5);

    private final Path file;
    private final List<ManifestEntry> entries;

    private Manifest(Path file, List<ManifestEntry> entries) {
        this.file = file;
        this.entries = List.copyOf(entries);
    }

    /** The CSV file this manifest was read from or written to. */
    public Path file() { return file; }

    public List<ManifestEntry> entries() { return entries; }

    /** Every label the manifest holds, sorted: the classes of a run that does not choose its own. */
    public LabelSet labels() { return new LabelSet(List.copyOf(new TreeSet<>(clipsPerLabel().keySet()))); }

    /** How many clips carry each label, by label. */
    public Map<String, Integer> clipsPerLabel() {
        Map<String, Integer> counts = new TreeMap<>();
        for (ManifestEntry e : entries) counts.merge(e.label(), 1, Integer::sum);
        return counts;
    }

    /**
     * The clips whose label is one of {@code classes}, in manifest order, and how many clips of each other label were
     * dropped. Fails, naming the class and the labels there are, when a class has no clip.
     */
    public Selection select(LabelSet classes) throws ManifestException {
        Map<String, Integer> found = clipsPerLabel();
        for (String c : classes.names()) {
            if (!found.containsKey(c)) {
                throw new ManifestException(file, "class '" + c + "' has no clips here (its labels: " + String.join(", ", found.keySet()) + ")");
            }
        }
        List<ManifestEntry> kept = new ArrayList<>();
        Map<String, Integer> dropped = new TreeMap<>();
        for (ManifestEntry e : entries) {
            if (classes.names().contains(e.label())) kept.add(e);
            else dropped.merge(e.label(), 1, Integer::sum);
        }
        return new Selection(new Manifest(file, kept), dropped);
    }

    /** The clips of the chosen classes, and per other label how many of its clips were left out. */
    public record Selection(Manifest manifest, Map<String, Integer> dropped) {
        public Selection {
            dropped = Map.copyOf(dropped);
        }

        public int droppedClips() { return dropped.values().stream().mapToInt(Integer::intValue).sum(); }
    }

    /** Reads and checks {@code csv}: every clip's media must exist. */
    public static Manifest read(Path csv) throws ManifestException {
        return read(csv, true);
    }

    /**
     * Reads and checks {@code csv}; with {@code requireMedia} false a missing media file is left for the reader of that
     * clip to report (prediction classifies every clip it can and reports the others one by one).
     */
    public static Manifest read(Path csv, boolean requireMedia) throws ManifestException {
        if (!Files.isRegularFile(csv)) {
            throw new ManifestException(csv, Files.exists(csv) ? "is not a regular file" : "manifest not found");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new ManifestException(csv, "is not UTF-8 text");
        } catch (IOException e) {
            throw new ManifestException(csv, "cannot read: " + e.getMessage());
        }
        // a BOM belongs to the file, not to its first line, which may be a comment
        if (!lines.isEmpty()) lines.set(0, stripByteOrderMark(lines.get(0)));
        Path folder = csv.toAbsolutePath().getParent();
        int headerLine = firstContentLine(lines);
        if (headerLine < 0) {
            throw new ManifestException(csv, 1, "missing header (expected columns " + String.join(",", COLUMNS) + ")");
        }
        Map<String, Integer> columns = parseHeader(csv, headerLine + 1, lines.get(headerLine));
        int width = CsvLine.parse(lines.get(headerLine)).size();
        List<ManifestEntry> entries = new ArrayList<>();
        Map<String, Integer> clipLines = new HashMap<>();
        for (int i = headerLine + 1; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank() || text.strip().startsWith("#")) continue;
            int lineNo = i + 1;
            ManifestEntry entry = new RowParser(csv, folder, lineNo, columns, requireMedia).parse(row(csv, lineNo, text, width));
            Integer earlier = clipLines.putIfAbsent(entry.clip(), lineNo);
            if (earlier != null) {
                throw new ManifestException(csv, lineNo, "clip '" + entry.clip() + "' is already defined on line " + earlier);
            }
            entries.add(entry);
        }
        if (entries.isEmpty()) throw new ManifestException(csv, "holds a header but no clips");
        return new Manifest(csv, entries);
    }

    /**
     * Writes {@code entries} to {@code csv} atomically, with paths relative to its folder where
     * possible and '/' as separator so the file reads the same on every system.
     */
    public static Manifest write(Path csv, List<ManifestEntry> entries) throws IOException {
        Path folder = csv.toAbsolutePath().getParent();
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (ManifestEntry e : entries) {
            out.append(CsvLine.format(List.of(e.clip(), relative(folder, e.video()),
                    e.audio().map(a -> relative(folder, a)).orElse(AUDIO_FROM_VIDEO), e.label(), e.subject(),
                    seconds(e.start()), seconds(e.end())))).append('\n');
        }
        AtomicFiles.writeVia(csv, temp -> Files.writeString(temp, out, StandardCharsets.UTF_8));
        return new Manifest(csv, entries);
    }

    private static int firstContentLine(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).strip();
            if (!s.isEmpty() && !s.startsWith("#")) return i;
        }
        return -1;
    }

    private static Map<String, Integer> parseHeader(Path csv, int lineNo, String header) throws ManifestException {
        List<String> names;
        try {
            names = CsvLine.parse(stripByteOrderMark(header));
        } catch (IllegalArgumentException e) {
            throw new ManifestException(csv, lineNo, "bad header: " + e.getMessage());
        }
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).toLowerCase(Locale.ROOT);
            if (columns.put(name, i) != null) throw new ManifestException(csv, lineNo, "column '" + name + "' appears twice");
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                throw new ManifestException(csv, lineNo, "missing column '" + required + "' (header has: "
                        + String.join(",", names) + "; required: " + String.join(",", REQUIRED) + ")");
            }
        }
        return columns;
    }

    private static String stripByteOrderMark(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private static List<String> row(Path csv, int lineNo, String text, int width) throws ManifestException {
        List<String> fields;
        try {
            fields = CsvLine.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ManifestException(csv, lineNo, e.getMessage());
        }
        if (fields.size() != width) {
            throw new ManifestException(csv, lineNo, fields.size() + " fields but the header has " + width);
        }
        return fields;
    }

    private static String relative(Path folder, Path media) {
        Path abs = media.toAbsolutePath().normalize();
        Path shown = abs.getRoot() != null && abs.getRoot().equals(folder.getRoot()) ? folder.normalize().relativize(abs) : abs;
        return shown.toString().replace(shown.getFileSystem().getSeparator(), "/");
    }

    private static String seconds(OptionalDouble v) {
        return v.isPresent() ? Double.toString(v.getAsDouble()) : "";
    }

    /** Turns the fields of one data line into an entry, with errors naming the line. */
    private record RowParser(Path csv, Path folder, int lineNo, Map<String, Integer> columns, boolean requireMedia) {

        ManifestEntry parse(List<String> fields) throws ManifestException {
            String clip = required(fields, "clip");
            Path video = media(required(fields, "video"), "video");
            String audioText = required(fields, "audio");
            Optional<Path> audio = audioText.equalsIgnoreCase(AUDIO_FROM_VIDEO)
                    ? Optional.empty() : Optional.of(media(audioText, "audio"));
            String label;
            try {
                label = LabelSet.normalise(required(fields, "label"));
            } catch (IllegalArgumentException e) {
                throw new ManifestException(csv, lineNo, e.getMessage());
            }
            String subject = required(fields, "subject");
            OptionalDouble start = number(fields, "start");
            OptionalDouble end = number(fields, "end");
            if (start.isPresent() && start.getAsDouble() < 0) {
                throw new ManifestException(csv, lineNo, "start " + start.getAsDouble() + " s is negative");
            }
            if (end.isPresent() && end.getAsDouble() <= start.orElse(0)) {
                throw new ManifestException(csv, lineNo, "end " + end.getAsDouble() + " s is not after start "
                        + start.orElse(0) + " s (need end > start)");
            }
            return new ManifestEntry(clip, video, audio, label, subject, start, end);
        }

        private String required(List<String> fields, String column) throws ManifestException {
            String value = fields.get(columns.get(column));
            if (value.isEmpty()) throw new ManifestException(csv, lineNo, "empty '" + column + "'");
            return value;
        }

        private Path media(String relative, String column) throws ManifestException {
            Path p;
            try {
                p = folder.resolve(relative).normalize();
            } catch (RuntimeException e) {
                throw new ManifestException(csv, lineNo, column + " path '" + relative + "' is not a valid path");
            }
            if (requireMedia && !Files.exists(p)) {
                throw new ManifestException(csv, lineNo, column + " file not found: " + relative + " (looked for " + p + ")");
            }
            return p;
        }

        private OptionalDouble number(List<String> fields, String column) throws ManifestException {
            Integer at = columns.get(column);
            if (at == null || fields.get(at).isEmpty()) return OptionalDouble.empty();
            String text = fields.get(at);
            try {
                double v = Double.parseDouble(text);
                if (!Double.isFinite(v)) throw new NumberFormatException();
                return OptionalDouble.of(v);
            } catch (NumberFormatException e) {
                throw new ManifestException(csv, lineNo, "'" + column + "' is not a number of seconds: '" + text + "'");
            }
        }
    }
}
