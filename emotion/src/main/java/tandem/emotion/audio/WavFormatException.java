package tandem.emotion.audio;

import java.io.IOException;
import java.nio.file.Path;

/** A WAV file that cannot be read: corrupt, truncated, or in a form Tandem does not decode. */
public final class WavFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public WavFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public WavFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file that could not be read. */
    public Path file() { return file; }
}
