package tandem.emotion.live;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What {@code live} reads from: a media file, a URL that FFmpeg opens as a stream ({@code rtsp://}, {@code udp://},
 * {@code http://}, ...), a pipe ({@code -}, standard input, in a streamable container such as MPEG-TS or Matroska), or
 * a capture device named with its FFmpeg input format ({@code --format v4l2 /dev/video0}; {@code --format lavfi}
 * takes a filter graph, a device that needs no hardware).
 *
 * @param name    the source as the user wrote it, for messages
 * @param options FFmpeg input options ({@code rtsp_transport=tcp}, {@code video_size=640x480}, ...)
 */
public record SourceSpec(Kind kind, String name, Path file, InputStream pipe, String format, Map<String, String> options) {
    public enum Kind {
        /** A file on disk: read as fast as the model goes, unless paced. */
        FILE,
        /** A network stream: arrives at its own pace. */
        URL,
        /** Standard input or another byte stream, not seekable. */
        PIPE,
        /** A capture device (or any input that needs an explicit FFmpeg format). */
        DEVICE;

        /** Whether frames arrive by themselves in real time, so that a slow model must drop windows. */
        public boolean live() { return this != FILE; }
    }

    private static final Pattern URL_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");

    public SourceSpec {
        options = Map.copyOf(options);
    }

    /**
     * Reads a SOURCE argument: {@code -} is standard input, {@code scheme://...} a URL, anything with an explicit
     * {@code format} a device, the rest a file (which must exist).
     */
    public static SourceSpec parse(String source, String format, Map<String, String> options, InputStream stdin)
            throws StreamException {
        if (source == null || source.isBlank()) throw new StreamException("live", "no source given");
        if (format != null && format.isBlank()) throw new StreamException(source, "--format is empty");
        if (source.equals("-")) return new SourceSpec(Kind.PIPE, "standard input", null, stdin, format, options);
        if (format != null) return new SourceSpec(Kind.DEVICE, source, null, null, format, options);
        if (URL_SCHEME.matcher(source).matches() && !source.toLowerCase(Locale.ROOT).startsWith("file://")) {
            return new SourceSpec(Kind.URL, source, null, null, null, options);
        }
        Path file = Path.of(source.toLowerCase(Locale.ROOT).startsWith("file://") ? source.substring("file://".length()) : source);
        if (!Files.exists(file)) throw new StreamException(source, "no such file (a stream needs a URL such as rtsp://..., or - for standard input)");
        if (Files.isDirectory(file)) throw new StreamException(source, "is a folder; live reads a media file or a stream");
        if (!Files.isReadable(file)) throw new StreamException(source, "file is not readable");
        return new SourceSpec(Kind.FILE, source, file, null, null, options);
    }

    /** A byte stream (a pipe), for tests and embedding. */
    public static SourceSpec pipe(String name, InputStream in) {
        return new SourceSpec(Kind.PIPE, name, null, in, null, Map.of());
    }

    /** A file, for tests and embedding. */
    public static SourceSpec file(Path file) throws StreamException {
        return parse(file.toString(), null, Map.of(), null);
    }
}
