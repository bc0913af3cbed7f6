package tandem.nn.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file all at once or not at all: the content goes to a temporary file in the same folder, is forced
 * to disk, and is renamed over the target. Readers see either the old file or the complete new one; a crash or
 * an exception part-way leaves the old file byte-identical and removes the temporary file.
 */
public final class AtomicFiles {
    /** Writes the whole content to the channel it is given. */
    @FunctionalInterface
    public interface ContentWriter {
        void writeTo(FileChannel channel) throws IOException;
    }

    /** Writes the whole content into the temporary file at the path it is given (for libraries that want a path). */
    @FunctionalInterface
    public interface TempWriter {
        void writeTo(Path temp) throws IOException;
    }

    private AtomicFiles() {}

    public static void write(Path target, ContentWriter content) throws IOException {
        writeVia(target, temp -> {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                content.writeTo(ch);
                ch.force(true);
            }
        });
    }

    /** UTF-8 text, replaced atomically. */
    public static void writeString(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        write(target, ch -> {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) ch.write(buf);
        });
    }

    /** Lets {@code writer} fill a temporary file by path, then renames it over {@code target}. */
    public static void writeVia(Path target, TempWriter writer) throws IOException {
        Path file = target.toAbsolutePath().normalize();
        Path folder = file.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new CheckpointException(target + ": cannot write, folder " + folder + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new CheckpointException(target + ": cannot write, it is a folder");
        }
        Path temp;
        try {
            temp = createTemp(folder, file.getFileName().toString());
        } catch (IOException e) {
            throw named(target, e);
        }
        boolean moved = false;
        try {
            writer.writeTo(temp);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            syncFolder(folder);
        } catch (IOException e) {
            throw named(target, e);
        } finally {
            if (!moved) deleteQuietly(temp);
        }
    }

    /**
     * The failure with the target named: "No space left on device" or an image writer's "I/O error writing PNG file!"
     * says nothing of which file, and a full disk fails whichever file comes next.
     */
    private static IOException named(Path target, IOException e) {
        String m = e.getMessage();
        if (m != null && m.startsWith(target.toString())) return e;
        if (e instanceof FileSystemException f) m = f.getReason();      // its message names the temporary file
        String what = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        return e instanceof CheckpointException ? new CheckpointException(target + ": cannot write: " + what, e)
                : new IOException(target + ": cannot write: " + what, e);
    }

    // A fresh name opened with CREATE_NEW gets the default permissions (unlike createTempFile's owner-only ones),
    // so the renamed file looks like any other file the user writes.
    private static Path createTemp(Path folder, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temp = folder.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 16) throw e;
            }
        }
    }

    // The rename is durable only once the folder entry is on disk. Some platforms cannot open a folder for
    // syncing; the file content is already forced there, so that is not an error.
    private static void syncFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort, see above
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // the original failure is the one worth reporting
        }
    }
}
