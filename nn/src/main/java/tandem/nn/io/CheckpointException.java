package tandem.nn.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint file that cannot be read or written: malformed, hostile, truncated, or holding tensors Tandem
 * cannot represent. The message always names the file and, where one is to blame, the tensor.
 */
public class CheckpointException extends IOException {
    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }

    static CheckpointException of(Path file, String problem) {
        return new CheckpointException(file + ": " + problem);
    }

    static CheckpointException of(Path file, String tensor, String problem) {
        return new CheckpointException(file + ": tensor '" + tensor + "': " + problem);
    }
}
