package tandem.emotion.video;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A media file that cannot be used: missing, unreadable, corrupt, or too short for what was asked.
 * The message always starts with the file, so a failure deep inside a data pipeline still says
 * which clip to look at.
 */
public class MediaFileException extends IOException {
    private final transient Path file;

    public MediaFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public MediaFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file the problem is about. */
    public Path file() { return file; }
}
