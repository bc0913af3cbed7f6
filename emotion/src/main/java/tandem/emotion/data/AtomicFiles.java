package tandem.emotion.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see either the old content or the complete new content, never a
 * partial file: the content goes to a hidden temporary file in the same folder, which is then
 * renamed over the target. A failure removes the temporary file and leaves the target untouched.
 */
public final class AtomicFiles {

    /** Writes the temporary file whose path it is given. */
    @FunctionalInterface
    public interface TempWriter {
        void writeTo(Path temp) throws IOException;
    }

    private AtomicFiles() {}

    public static void write(Path target, TempWriter writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + target.getFileName() + ".part");
        try {
            writer.writeTo(temp);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
