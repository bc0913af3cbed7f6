package tandem.emotion.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the importers share about files: a sorted walk that skips hidden entries, extensions, and a cheap check that a
 * file is what its name says (not empty, and starting with its container's signature), so a truncated download or a
 * misnamed file is reported at import rather than halfway through training.
 */
final class MediaFiles {
    static final Set<String> VIDEO = Set.of("mp4", "m4v", "mov", "avi", "mkv", "webm", "flv");
    static final String WAV = "wav";
    private static final Set<String> ISO_BOXES = Set.of("ftyp", "moov", "mdat", "wide", "free", "skip");

    private MediaFiles() {}

    /** Every regular file under {@code dir}, hidden files and folders left out, in path order. */
    static List<Path> walk(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException(dir + ": " + (Files.exists(dir) ? "is not a folder" : "no such folder"));
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> !hidden(dir, f)).sorted().toList();
        }
    }

    private static boolean hidden(Path dir, Path file) {
        for (Path part : dir.relativize(file)) if (part.toString().startsWith(".")) return true;
        return false;
    }

    /** The lower-case extension, or "" when the name has none. */
    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    /** The name without its extension. */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static boolean isVideo(Path file) { return VIDEO.contains(extension(file)); }

    static boolean isWav(Path file) { return extension(file).equals(WAV); }

    /** Why {@code file} cannot be the media its extension says, or empty when its first bytes look right. */
    static Optional<String> problem(Path file) throws IOException {
        if (Files.size(file) == 0) return Optional.of("empty file");
        byte[] head = new byte[12];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        String ext = extension(file);
        boolean ok = switch (ext) {
            case "wav" -> n >= 12 && (ascii(head, 0, 4).equals("RIFF") || ascii(head, 0, 4).equals("RF64")) && ascii(head, 8, 4).equals("WAVE");
            case "avi" -> n >= 12 && ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 4).equals("AVI ");
            case "mp4", "m4v", "mov" -> n >= 8 && ISO_BOXES.contains(ascii(head, 4, 4));
            case "flv" -> n >= 3 && ascii(head, 0, 3).equals("FLV");
            case "mkv", "webm" -> n >= 4 && Arrays.equals(Arrays.copyOf(head, 4), new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3});
            default -> true;
        };
        return ok ? Optional.empty() : Optional.of("not a " + ext.toUpperCase(Locale.ROOT) + " file (its first bytes are not a " + ext + " signature)");
    }

    private static String ascii(byte[] b, int from, int length) { return new String(b, from, length, StandardCharsets.ISO_8859_1); }
}
