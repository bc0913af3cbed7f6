package tandem.emotion.rundir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * One run per output folder: {@code train}, {@code explain}, {@code synth} and {@code grid} take the folder's lock
 * before they write anything into it, and a second process aimed at the same folder is refused with one line naming
 * the folder and the process that holds it.
 *
 * <p>The lock is an operating-system lock on the file {@value #FILE} in the folder, and the file says who holds it
 * (process id, host, command, since when). The operating system releases the lock when its process ends in any way,
 * kill -9 included, so a lock can never outlive its holder: a file that still names a process when the lock is free
 * is stale, and the next run takes it over with a note. A lock file written only with create-new semantics would need
 * its own staleness rules, and breaking a stale one safely between two racing processes is a race of its own. Within
 * one JVM a second acquisition of the same folder is refused too.
 *
 * <p>The file is left in place when the lock is released (its text then says so): deleting it would let a process
 * that opened it just before the deletion lock a file no one else can see. A folder that the lock created and that
 * is still empty when the lock is released is removed, so a run refused by a later check leaves nothing behind.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE = ".tandem.lock";
    private static final String RELEASED = "released";

    private final Path folder;
    private final FileChannel channel;
    private final FileLock lock;
    private final Path created;      // the topmost folder the lock created, or null
    private final String stale;
    private boolean closed;

    private RunLock(Path folder, FileChannel channel, FileLock lock, Path created, String stale) {
        this.folder = folder;
        this.channel = channel;
        this.lock = lock;
        this.created = created;
        this.stale = stale;
    }

    /**
     * Creates {@code folder} if it does not exist (see {@link OutputFolder#create}) and locks it for {@code command};
     * fails, naming the folder and the holder, when another run has it.
     */
    public static RunLock acquire(Path folder, String command) throws IOException {
        Path dir = folder.toAbsolutePath().normalize();
        Path created = OutputFolder.create(folder);
        Path file = dir.resolve(FILE);
        try {
            while (true) {
                FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException sameJvm) {
                    lock = null;
                }
                if (lock == null) {
                    String holder = describeHolder(read(ch));
                    ch.close();
                    throw new IOException(folder + " is in use by another Tandem run (" + holder + "); wait for it to end or choose"
                            + " another folder");
                }
                if (!Files.exists(file)) {      // deleted with its folder by a holder that just gave up: try again
                    lock.release();
                    ch.close();
                    continue;
                }
                String previous = read(ch);
                String stale = previous.isBlank() || previous.startsWith(RELEASED) ? null : describeHolder(previous);
                write(ch, "pid " + ProcessHandle.current().pid() + " on " + host() + ": tandem " + command + ", since " + Instant.now() + "\n");
                return new RunLock(folder, ch, lock, created, stale);
            }
        } catch (IOException | RuntimeException e) {
            if (created != null) OutputFolder.deleteIfEmpty(dir, created);
            throw e;
        }
    }

    /** When the lock was taken over from a run that ended without releasing it (killed): who that was. */
    public Optional<String> staleHolder() { return Optional.ofNullable(stale); }

    public Path folder() { return folder; }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        Path dir = folder.toAbsolutePath().normalize();
        try {
            boolean remove = created != null && OutputFolder.isEmpty(dir);
            if (remove) {
                Files.deleteIfExists(dir.resolve(FILE));
            } else {
                write(channel, RELEASED + " by pid " + ProcessHandle.current().pid() + " at " + Instant.now() + "\n");
            }
            lock.release();
            channel.close();
            if (remove) OutputFolder.deleteIfEmpty(dir, created);
        } finally {
            if (channel.isOpen()) channel.close();
        }
    }

    private static String read(FileChannel ch) throws IOException {
        long size = Math.min(ch.size(), 4096);
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) { /* reads until full or end of file */ }
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
    }

    private static void write(FileChannel ch, String text) throws IOException {
        ch.truncate(0);
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        long at = 0;
        while (buf.hasRemaining()) at += ch.write(buf, at);
        ch.force(false);
    }

    /** "pid 123 on host: tandem train, since ..." with a note when that process is no longer running here. */
    private static String describeHolder(String text) {
        if (text.isBlank()) return "a process that has not yet written its id";
        String line = text.lines().findFirst().orElse("").strip();
        if (line.length() > 200) line = line.substring(0, 200) + "...";
        if (line.startsWith("pid ")) {
            try {
                long pid = Long.parseLong(line.substring(4, line.indexOf(' ', 4)));
                boolean here = line.contains(" on " + host() + ":");
                if (here && ProcessHandle.of(pid).isEmpty()) line += " (no longer running)";
            } catch (RuntimeException unparsable) {
                // shown as it is
            }
        }
        return line;
    }

    private static String host() {
        try {
            Path name = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(name)) return Files.readString(name).strip();
        } catch (IOException e) {
            // fall through to the environment
        }
        String env = System.getenv("HOSTNAME");
        return env == null || env.isBlank() ? "this host" : env;
    }
}
