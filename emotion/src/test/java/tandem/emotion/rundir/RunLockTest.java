package tandem.emotion.rundir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondHolderIsRefusedWithTheFolderAndTheFirstHolderNamed() throws IOException {
        Path out = dir.resolve("run");
        try (RunLock first = RunLock.acquire(out, "train")) {
            Files.writeString(out.resolve("run.json"), "{}");
            IOException e = assertThrows(IOException.class, () -> RunLock.acquire(out, "train"));
            assertTrue(e.getMessage().startsWith(out + " is in use by another Tandem run (pid " + ProcessHandle.current().pid()), e.getMessage());
            assertTrue(e.getMessage().contains("tandem train"), e.getMessage());
        }
        try (RunLock again = RunLock.acquire(out, "train --resume")) {
            assertTrue(again.staleHolder().isEmpty(), "a lock released on close is not stale");
        }
    }

    @Test
    void aLockFileLeftByADeadProcessIsTakenOverAndNamed() throws IOException {
        Path out = Files.createDirectories(dir.resolve("killed"));
        Files.writeString(out.resolve(RunLock.FILE), "pid 999999999 on somewhere-else: tandem train, since 2020-01-01T00:00:00Z\n");
        try (RunLock lock = RunLock.acquire(out, "train")) {
            assertEquals("pid 999999999 on somewhere-else: tandem train, since 2020-01-01T00:00:00Z", lock.staleHolder().orElseThrow());
            assertTrue(Files.readString(out.resolve(RunLock.FILE)).startsWith("pid " + ProcessHandle.current().pid()));
        }
    }

    @Test
    void aFolderTheLockCreatedAndNothingFilledIsRemovedOnRelease() throws IOException {
        Path out = dir.resolve("a/b");
        try (RunLock lock = RunLock.acquire(out, "synth")) {
            assertTrue(Files.isDirectory(out));
        }
        assertFalse(Files.exists(dir.resolve("a")), "a refused run leaves no empty --out behind, nor the folders made for it");
    }

    @Test
    void aFileWhereTheFolderShouldBeIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        IOException e = assertThrows(IOException.class, () -> RunLock.acquire(file.resolve("run"), "train"));
        assertEquals(file.resolve("run") + ": cannot be a folder, " + file + " is a file", e.getMessage());
        assertEquals("x", Files.readString(file));
    }
}
