package tandem.emotion.rundir;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** An output folder ({@code --out}): checked before it is created, and what it holds besides its {@link RunLock}. */
public final class OutputFolder {
    private OutputFolder() {}

    /**
     * Fails, naming the folder and the problem, when {@code folder} cannot be an output folder: it is a file, or a
     * folder above it is one. Creates nothing.
     */
    public static void requireUsable(Path folder) throws IOException {
        if (Files.isDirectory(folder)) return;
        if (Files.exists(folder)) throw new IOException(folder + ": is a file, not a folder");
        for (Path p = folder.toAbsolutePath().normalize().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) throw new IOException(folder + ": cannot be a folder, " + p + " is a file");
        }
    }

    /**
     * Creates {@code folder} and the folders above it that are missing; returns the topmost folder it created (to be
     * removed again by {@link #deleteIfEmpty} if the run is refused), or null when {@code folder} existed.
     */
    static Path create(Path folder) throws IOException {
        requireUsable(folder);
        if (Files.isDirectory(folder)) return null;
        Path top = folder.toAbsolutePath().normalize();
        while (top.getParent() != null && !Files.exists(top.getParent())) top = top.getParent();
        try {
            Files.createDirectories(folder);
        } catch (FileSystemException e) {
            throw new IOException(folder + ": cannot be created: " + reason(e), e);
        }
        return top;
    }

    /** What {@code folder} holds besides its lock file; empty when it does not exist. */
    public static List<Path> contents(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> !p.getFileName().toString().equals(RunLock.FILE)).sorted().toList();
        }
    }

    /** True when {@code folder} holds nothing besides its lock file (or does not exist). */
    public static boolean isEmpty(Path folder) throws IOException { return contents(folder).isEmpty(); }

    /** Removes {@code folder}, then each folder above it up to {@code top}, while they are truly empty; leaves the rest quietly. */
    static void deleteIfEmpty(Path folder, Path top) {
        for (Path p = folder.toAbsolutePath().normalize(); p != null && p.startsWith(top); p = p.getParent()) {
            try {
                Files.deleteIfExists(p);
            } catch (DirectoryNotEmptyException someoneElses) {
                return;     // another run's files, or its lock: not ours to remove
            } catch (IOException e) {
                return;     // the failure that led here is the one to report
            }
        }
    }

    /**
     * What went wrong with a file, in words: the JDK's file exceptions often carry only the path, and "tandem: error:
     * /some/path" alone does not say whether it is missing, a file, or forbidden.
     */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null && !f.getReason().isBlank()) return f.getReason();
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file or folder";
        if (e instanceof FileAlreadyExistsException) return "already exists";
        if (e instanceof NotDirectoryException) return "not a folder";
        if (e instanceof DirectoryNotEmptyException) return "folder is not empty";
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
