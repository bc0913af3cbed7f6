package tandem.emotion.live;

import java.io.IOException;

/**
 * A stream that cannot be used: unreadable, without the tracks the model reads, or broken while it plays (decoding
 * fails, its sound stops). The message starts with the source, so the one line the command prints says what to look at.
 */
public class StreamException extends IOException {
    public StreamException(String source, String problem) {
        super(source + ": " + problem);
    }

    public StreamException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }
}
