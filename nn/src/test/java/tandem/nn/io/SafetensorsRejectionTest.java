package tandem.nn.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Every malformed or hostile file is refused with a CheckpointException naming the file, the tensor and the problem. */
class SafetensorsRejectionTest {
    private static final String W = "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

    @TempDir
    Path dir;

    /** Both the full read and the header-only read must refuse, with each fragment in the message. */
    private void rejected(SpecBytes file, String... fragments) throws Exception {
        Path path = file.writeTo(dir.resolve("hostile.safetensors"));
        for (int pass = 0; pass < 2; pass++) {
            CheckpointException e = assertThrows(CheckpointException.class,
                    pass == 0 ? () -> Safetensors.read(path) : () -> Safetensors.readHeader(path));
            String m = e.getMessage();
            assertTrue(m.contains("hostile.safetensors"), "message must name the file: " + m);
            for (String f : fragments) assertTrue(m.contains(f), "message must mention '" + f + "': " + m);
        }
    }

    /** A valid header whose data cannot be loaded: readHeader succeeds, read refuses. */
    private void rejectedOnLoad(SpecBytes file, String... fragments) throws Exception {
        Path path = file.writeTo(dir.resolve("hostile.safetensors"));
        Safetensors.readHeader(path);
        CheckpointException e = assertThrows(CheckpointException.class, () -> Safetensors.read(path));
        String m = e.getMessage();
        assertTrue(m.contains("hostile.safetensors"), "message must name the file: " + m);
        for (String f : fragments) assertTrue(m.contains(f), "message must mention '" + f + "': " + m);
    }

    // ---- framing ------------------------------------------------------------------------------------------------
    @Test
    void fileTooShortForTheLength() throws Exception {
        rejected(new SpecBytes().bytes(1, 2, 3), "too short");
    }

    @Test
    void headerLengthAboveTheLimit() throws Exception {
        rejected(new SpecBytes().u64(Safetensors.MAX_HEADER_BYTES + 1).bytes('{', '}'), "exceeds the limit");
        rejected(new SpecBytes().u64(-1L).bytes('{', '}'), "18446744073709551615", "exceeds the limit");
    }

    @Test
    void headerLengthPastTheEndOfTheFile() throws Exception {
        rejected(new SpecBytes().u64(1000).bytes('{', '}'), "header length 1000", "past the end");
    }

    @Test
    void headerNotUtf8() throws Exception {
        rejected(new SpecBytes().u64(4).bytes('{', 0xC3, 0x28, '}'), "UTF-8");
    }

    @Test
    void headerNotAnObject() throws Exception {
        rejected(SpecBytes.header("[]      "), "start with '{'");
        rejected(SpecBytes.header("  {}    "), "start with '{'");
    }

    // ---- JSON ---------------------------------------------------------------------------------------------------
    @Test
    void malformedJson() throws Exception {
        rejected(SpecBytes.header("{\"w\":{\"dtype\":"), "not valid JSON");
        rejected(SpecBytes.header("{'w':{}}"), "not valid JSON");                     // single quotes: lenient only
        rejected(SpecBytes.header("{w:{}}  "), "not valid JSON");                     // unquoted name
        rejected(SpecBytes.header("{} /* */"), "not valid JSON");                     // comment
        rejected(SpecBytes.header("{}{}    "), "not valid JSON");                     // two documents
        rejected(SpecBytes.header("{\"w\":{\"dtype\":\"F32\",\"shape\":[NaN],\"data_offsets\":[0,4]}}"), "not valid JSON");
    }

    @Test
    void metadataMustBeStrings() throws Exception {
        rejected(SpecBytes.header("{\"__metadata__\":{\"epoch\":7}}"), "epoch", "must be a string");
        rejected(SpecBytes.header("{\"__metadata__\":[]}  "), "__metadata__", "object of strings");
        rejected(SpecBytes.header("{\"__metadata__\":{\"a\":\"1\",\"a\":\"2\"}}"), "'a' appears twice");
        rejected(SpecBytes.header("{\"__metadata__\":{},\"__metadata__\":{}}"), "'__metadata__' twice");
    }

    @Test
    void duplicateTensorNames() throws Exception {
        rejected(SpecBytes.header("{" + W + "," + W.replace("[0,8]", "[8,16]") + "}").zeros(16), "'w'", "appears twice");
    }

    @Test
    void entryFieldsMustBeWellFormed() throws Exception {
        rejected(SpecBytes.header("{\"w\":[]}"), "'w'", "must be an object");
        rejected(SpecBytes.header("{\"w\":{\"shape\":[2],\"data_offsets\":[0,8]}}").zeros(8), "'w'", "missing field 'dtype'");
        rejected(SpecBytes.header("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}").zeros(8), "'w'", "missing field 'shape'");
        rejected(SpecBytes.header("{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}").zeros(8), "'w'", "missing field 'data_offsets'");
        rejected(SpecBytes.header("{\"w\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}").zeros(8),
                "'w'", "'dtype' appears twice");
        rejected(SpecBytes.header("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4,8]}}").zeros(8), "'w'", "exactly 2");
        rejected(SpecBytes.header("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8]}}").zeros(8), "'w'", "exactly 2");
        rejected(SpecBytes.header("{\"w\":{\"dtype\":32,\"shape\":[2],\"data_offsets\":[0,8]}}").zeros(8), "'w'", "'dtype' must be a string");
    }

    @Test
    void unknownFieldsAreIgnoredAsTheReferenceDoes() throws Exception {
        Path p = SpecBytes.header("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"extra\":{\"x\":[1]}}}")
                .f32(1, 2).writeTo(dir.resolve("extra.safetensors"));
        assertEquals(2, Safetensors.read(p).tensor("w").numel());
    }

    @Test
    void nullMetadataMeansNoneAsInTheReference() throws Exception {
        Path p = SpecBytes.header("{\"__metadata__\":null," + W + "}").f32(1, 2).writeTo(dir.resolve("nullmeta.safetensors"));
        SafetensorsFile f = Safetensors.read(p);
        assertTrue(f.metadata().isEmpty());
        assertEquals(2, f.tensor("w").numel());
    }

    @Test
    void unknownDtype() throws Exception {
        rejected(SpecBytes.header("{\"w\":{\"dtype\":\"F128\",\"shape\":[2],\"data_offsets\":[0,8]}}").zeros(8), "'w'", "unknown dtype 'F128'");
        rejected(SpecBytes.header("{\"w\":{\"dtype\":\"float32\",\"shape\":[2],\"data_offsets\":[0,8]}}").zeros(8), "'w'", "unknown dtype");
    }

    @Test
    void shapeEntriesMustBeSmallNonNegativeIntegers() throws Exception {
        rejected(SpecBytes.header("{\"w\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}").zeros(8), "'w'", "-2");
        rejected(SpecBytes.header("{\"w\":{\"dtype\":\"F32\",\"shape\":[2.0],\"data_offsets\":[0,8]}}").zeros(8), "'w'", "2.0");
        rejected(SpecBytes.header("{\"w\":{\"dtype\":\"F32\",\"shape\":[1e1],\"data_offsets\":[0,8]}}").zeros(8), "'w'", "1e1");
        rejected(SpecBytes.header("{\"w\":{\"dtype\":\"F32\",\"shape\":[\"2\"],\"data_offsets\":[0,8]}}").zeros(8), "'w'", "not a number");
        rejected(SpecBytes.header("{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296],\"data_offsets\":[0,8]}}").zeros(8), "'w'", "larger than");
        String rank65 = "[" + "1,".repeat(64) + "1]";
        rejected(SpecBytes.header("{\"w\":{\"dtype\":\"F32\",\"shape\":" + rank65 + ",\"data_offsets\":[0,4]}}").zeros(4), "'w'", "more than 64 dimensions");
    }

    // ---- offsets and sizes ----------------------------------------------------------------------------------------
    @Test
    void spanMustMatchShapeTimesElementSize() throws Exception {
        rejected(SpecBytes.header("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}").zeros(8),
                "'w'", "needs 12 bytes", "span 8");
        rejected(SpecBytes.header("{\"w\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,4]}}").zeros(4), "'w'", "needs 8 bytes");
    }

    @Test
    void byteCountOverflowIsCaught() throws Exception {
        rejected(SpecBytes.header("{\"w\":{\"dtype\":\"F64\",\"shape\":[2147483647,2147483647,2147483647],\"data_offsets\":[0,8]}}")
                .zeros(8), "'w'", "overflows");
    }

    @Test
    void reversedOffsets() throws Exception {
        rejected(SpecBytes.header("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}").zeros(8), "'w'", "reversed");
    }

    @Test
    void overlappingTensors() throws Exception {
        rejected(SpecBytes.header("{" + W + ",\"v\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}").zeros(12),
                "'v'", "overlap tensor 'w'");
    }

    @Test
    void gapsInTheBuffer() throws Exception {
        rejected(SpecBytes.header("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}").zeros(12),
                "'w'", "bytes 0..4", "unused");
        rejected(SpecBytes.header("{" + W + ",\"v\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[12,16]}}").zeros(16),
                "'v'", "bytes 8..12", "after tensor 'w'");
    }

    @Test
    void offsetsPastTheEndOfTheFile() throws Exception {
        rejected(SpecBytes.header("{" + W + "}").zeros(4), "'w'", "holds only 4 data bytes");
    }

    @Test
    void hostileSizesAreRefusedBeforeAnyAllocation() throws Exception {
        // Consistent shape and offsets for 16 GB of doubles, in a file of a few bytes: must fail on the file size,
        // never by trying to allocate.
        rejected(SpecBytes.header("{\"w\":{\"dtype\":\"F64\",\"shape\":[2000000000],\"data_offsets\":[0,16000000000]}}").zeros(8),
                "'w'", "truncated");
    }

    @Test
    void trailingBytesAreRejectedAsTheReferenceDoes() throws Exception {
        rejected(SpecBytes.header("{" + W + "}").zeros(8).bytes(0xAB), "1 bytes after the last tensor");
        rejected(SpecBytes.header("{}").bytes(0), "1 bytes after the last tensor");
    }

    @Test
    void tensorsTooLargeForJavaArraysAreRefusedOnLoadOnly() throws Exception {
        // 2^31 one-byte booleans (65536 x 32768) is a valid file, but would need 16 GB; we stop at the header's element count.
        // (Built sparse: the file claims 2 GiB of data, and is that long.)
        Path path = dir.resolve("huge.safetensors");
        byte[] head = SpecBytes.header("{\"w\":{\"dtype\":\"BOOL\",\"shape\":[65536,32768],\"data_offsets\":[0,2147483648]}}").toArray();
        try (var ch = java.nio.channels.FileChannel.open(path, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.SPARSE)) {
            ch.write(java.nio.ByteBuffer.wrap(head));
            ch.write(java.nio.ByteBuffer.wrap(new byte[1]), head.length + 2147483648L - 1);
        }
        assertEquals(2147483648L, Safetensors.readHeader(path).dataLength());
        CheckpointException e = assertThrows(CheckpointException.class, () -> Safetensors.read(path));
        // refused by the memory this JVM has free, or (on a machine with more than 16 GiB of heap) by Java's array limit
        assertTrue(e.getMessage().contains("huge.safetensors") && (e.getMessage().contains("load as 16.00 GiB, more than the")
                || e.getMessage().contains("'w'") && e.getMessage().contains("Java array limit")), e.getMessage());
        Files.delete(path);
    }

    @Test
    void aSparseFileOfManyArraySizedTensorsIsRefusedBeforeAnyIsAllocated() throws Exception {
        // eight 1 GiB F32 tensors: each fits a Java array, together they fit no test JVM; the data is never there
        Path path = dir.resolve("sparse.safetensors");
        StringBuilder json = new StringBuilder("{");
        long gib = 1L << 30;
        for (int i = 0; i < 8; i++) {
            json.append(i == 0 ? "" : ",").append("\"t").append(i).append("\":{\"dtype\":\"F32\",\"shape\":[").append(gib / 4)
                    .append("],\"data_offsets\":[").append(i * gib).append(',').append((i + 1) * gib).append("]}");
        }
        byte[] head = SpecBytes.header(json.append('}').toString()).toArray();
        try (var ch = java.nio.channels.FileChannel.open(path, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.SPARSE)) {
            ch.write(java.nio.ByteBuffer.wrap(head));
            ch.write(java.nio.ByteBuffer.wrap(new byte[1]), head.length + 8 * gib - 1);
        }
        long live = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        CheckpointException e = assertThrows(CheckpointException.class, () -> Safetensors.read(path));
        assertTrue(e.getMessage().contains("load as 8.00 GiB, more than the"), e.getMessage());
        assertTrue(Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory() < live + (256L << 20), "nothing large was allocated");
        // only what is asked for counts: the header alone, or no tensor at all, reads fine
        assertEquals(8, Safetensors.readHeader(path).entries().size());
        assertTrue(Safetensors.read(path, name -> false).tensors().isEmpty());
        Files.delete(path);
    }

    @Test
    void aPipeAFolderAndADeviceAreRefusedWithoutBeingOpened() throws Exception {
        CheckpointException folder = assertThrows(CheckpointException.class, () -> Safetensors.read(dir));
        assertTrue(folder.getMessage().contains("is a folder"), folder.getMessage());
        Path device = Path.of("/dev/zero");
        if (Files.exists(device)) {
            CheckpointException e = assertThrows(CheckpointException.class, () -> Safetensors.readHeader(device));
            assertTrue(e.getMessage().contains("/dev/zero: is not a regular file"), e.getMessage());
        }
        Path fifo = dir.resolve("pipe.safetensors");
        boolean made;
        try {
            made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
        } catch (java.io.IOException noMkfifo) {
            made = false;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(made, "mkfifo is not available here");
        // opening a FIFO for reading blocks until a writer comes; the check never opens it
        CheckpointException e = assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> assertThrows(CheckpointException.class, () -> Safetensors.read(fifo)));
        assertTrue(e.getMessage().contains("pipe.safetensors: is not a regular file"), e.getMessage());
    }

    @Test
    void nonFiniteValuesAreNamedByTensor() throws Exception {
        Path path = dir.resolve("nan.safetensors");
        Safetensors.write(path, java.util.Map.of("fine", Tensor.zeros(3), "bad", Tensor.of(new float[] {1, Float.POSITIVE_INFINITY}, 2)));
        CheckpointException e = assertThrows(CheckpointException.class, () -> Safetensors.read(path).requireFinite(path));
        assertTrue(e.getMessage().contains("tensor 'bad': element 1 is Infinity"), e.getMessage());
    }

    // ---- dtypes Tandem cannot hold ----------------------------------------------------------------------------------
    @Test
    void eightBitFloatsLoadOnlyAsHeaders() throws Exception {
        rejectedOnLoad(SpecBytes.header("{\"q\":{\"dtype\":\"F8_E4M3\",\"shape\":[8],\"data_offsets\":[0,8]}}").zeros(8),
                "'q'", "F8_E4M3", "cannot be loaded");
    }

    @Test
    void integersBeyondTwoToThe53AreNotRounded() throws Exception {
        Path ok = SpecBytes.header("{\"n\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]}}")
                .u64(1L << 53).u64(-(1L << 53)).writeTo(dir.resolve("ok.safetensors"));
        assertEquals(Math.scalb(1.0, 53), Safetensors.read(ok).tensor("n").get(0));
        assertEquals(-Math.scalb(1.0, 53), Safetensors.read(ok).tensor("n").get(1));
        rejectedOnLoad(SpecBytes.header("{\"n\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]}}").u64((1L << 53) + 1), "'n'", "exactly");
        rejectedOnLoad(SpecBytes.header("{\"n\":{\"dtype\":\"U64\",\"shape\":[],\"data_offsets\":[0,8]}}").u64(-1L), "'n'", "18446744073709551615");
    }

    // ---- fuzzing --------------------------------------------------------------------------------------------------
    @Test
    void randomCorruptionNeverEscapesAsAnotherException() throws Exception {
        Path good = dir.resolve("good.safetensors");
        Safetensors.write(good, Map.of("conv.weight", Tensor.rand(1, 2, 3, 3), "conv.bias", Tensor.rand(2, 2),
                "bn.var", Tensor.rand(3, 2).to(tandem.tensor.DType.F64)), Map.of("format", "pt"));
        byte[] original = Files.readAllBytes(good);
        Random rnd = new Random(42);
        Path mutant = dir.resolve("mutant.safetensors");
        int rejectedCount = 0;
        for (int trial = 0; trial < 600; trial++) {
            byte[] b = original.clone();
            int edits = 1 + rnd.nextInt(4);
            for (int k = 0; k < edits; k++) {
                int at = rnd.nextInt(Math.min(b.length, 8 + 220));   // mostly the length and the header
                b[at] = switch (rnd.nextInt(4)) {
                    case 0 -> (byte) rnd.nextInt(256);
                    case 1 -> (byte) "{}[],:\"0123456789-.eE ".charAt(rnd.nextInt(22));
                    case 2 -> (byte) (b[at] + 1);
                    default -> (byte) (b[at] - 1);
                };
            }
            if (rnd.nextInt(10) == 0) b = Arrays.copyOf(b, rnd.nextInt(b.length));   // truncation
            Files.write(mutant, b);
            try {
                Safetensors.read(mutant);
            } catch (CheckpointException expected) {
                rejectedCount++;
                assertTrue(expected.getMessage().contains("mutant.safetensors"), expected.getMessage());
            } catch (Exception | Error other) {
                fail("trial " + trial + " escaped as " + other, other);
            }
        }
        assertTrue(rejectedCount > 200, "a good share of mutants should be rejected, got " + rejectedCount);
    }
}
