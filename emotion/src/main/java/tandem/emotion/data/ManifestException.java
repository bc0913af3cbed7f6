package tandem.emotion.data;

import java.io.IOException;
import java.nio.file.Path;

/** A manifest that cannot be used; the message names the file, the line (when there is one) and the problem. */
public class ManifestException extends IOException {
    private final transient Path file;
    private final int line;

    /** A problem on a given line (1-based; the header is line 1). */
    public ManifestException(Path file, int line, String problem) {
        super(file + " line " + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** A problem with the file as a whole. */
    public ManifestException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.line = 0;
    }

    public Path file() { return file; }

    /** 1-based line number, or 0 when the problem is not on one line. */
    public int line() { return line; }
}
