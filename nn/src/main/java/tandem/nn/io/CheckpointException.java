package tandem.nn.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A checkpoint file that cannot be read or written: malformed, hostile, truncated, or holding tensors Tandem
 * cannot represent. The message always names the file and, where one is to blame, the tensor.
 */
public class CheckpointException extends IOException {
    private static final long serialVersionUID = 1L;
    private final List<String> details;

    public CheckpointException(String message) {
        this(message, List.of());
    }

    /** @param details lines a user may ask for (a full list of differences) that the one-line message summarises */
    public CheckpointException(String message, List<String> details) {
        super(message);
        this.details = List.copyOf(details);
    }

    /** The full account behind a summarised message, one line each; empty when the message says it all. */
    public List<String> details() { return details; }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
        this.details = List.of();
    }

    static CheckpointException of(Path file, String problem) {
        return new CheckpointException(file + ": " + problem);
    }

    static CheckpointException of(Path file, String tensor, String problem) {
        return new CheckpointException(file + ": tensor '" + tensor + "': " + problem);
    }
}
