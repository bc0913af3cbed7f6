package tandem.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.tensor.Tensor;

/** A write that fails part-way leaves the previous file byte-identical and no temporary file behind. */
class AtomicWriteTest {
    @TempDir
    Path dir;

    private List<Path> folderContents() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void failingMidWriteKeepsTheOldCheckpoint() throws Exception {
        Path file = dir.resolve("model.safetensors");
        Safetensors.write(file, Map.of("w", Tensor.rand(1, 64, 64)), Map.of("epoch", "1"));
        byte[] before = Files.readAllBytes(file);

        // "a" is written first (same dtype, name order); "b" was closed, so reading its data fails after the header
        // and the first tensor have already gone to the temporary file.
        Tensor a = Tensor.rand(2, 1000);
        Tensor b = Tensor.rand(3, 1000);
        b.close();
        Map<String, Tensor> next = new LinkedHashMap<>();
        next.put("b", b);
        next.put("a", a);
        CheckpointException e = assertThrows(CheckpointException.class, () -> Safetensors.write(file, next, Map.of("epoch", "2")));
        assertTrue(e.getMessage().contains("model.safetensors") && e.getMessage().contains("'b'"), e.getMessage());

        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), folderContents(), "no temporary file may be left behind");
        assertEquals("1", Safetensors.read(file).metadata().get("epoch"));
    }

    @Test
    void failingContentWriterLeavesNoFileWhereThereWasNone() throws Exception {
        Path file = dir.resolve("fresh.bin");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, ch -> {
            ch.write(ByteBuffer.wrap(new byte[4096]));
            throw new IOException("disk full (simulated)");
        }));
        assertEquals(file + ": cannot write: disk full (simulated)", e.getMessage(), "the failure names the file it was writing");
        assertEquals(List.of(), folderContents());
    }

    @Test
    void runtimeFailuresAlsoCleanUp() throws Exception {
        Path file = dir.resolve("keep.bin");
        Files.write(file, new byte[] {1, 2, 3});
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(file, ch -> {
            ch.write(ByteBuffer.wrap(new byte[] {9, 9}));
            throw new IllegalStateException("bug");
        }));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
        assertEquals(List.of(file), folderContents());
    }

    @Test
    void successfulWriteReplacesContentAndLeavesOnlyTheTarget() throws Exception {
        Path file = dir.resolve("x.bin");
        Files.write(file, new byte[] {1, 2, 3});
        AtomicFiles.write(file, ch -> ch.write(ByteBuffer.wrap(new byte[] {4, 5})));
        assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(file));
        assertEquals(List.of(file), folderContents());
    }

    @Test
    void missingFolderOrFolderTargetIsNamed() throws Exception {
        Path nowhere = dir.resolve("no/such/folder/m.safetensors");
        CheckpointException e = assertThrows(CheckpointException.class, () -> Safetensors.write(nowhere, Map.of()));
        assertTrue(e.getMessage().contains("does not exist") && e.getMessage().contains("m.safetensors"), e.getMessage());

        Path sub = Files.createDirectory(dir.resolve("sub"));
        CheckpointException f = assertThrows(CheckpointException.class, () -> Safetensors.write(sub, Map.of()));
        assertTrue(f.getMessage().contains("is a folder"), f.getMessage());
    }
}
