package tandem.kernels.cpu.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shapes derived from a machine's lanes, registers and caches, on machines described by hand (so every ISA is
 * covered on any host), and the tuning file that overrides them.
 */
class KernelShapesTest {
    private static final long K = 1024;

    private static CpuFeatures machine(String isa, int lanes, int registers, long l1d, long l2) {
        return new CpuFeatures("test", isa, lanes, registers, true, l1d, l2, 8 * K * K, "test", "test cpu", Double.NaN, "unknown");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // isa, lanes, registers, L1d KiB, L2 KiB, expected tile rows, direct vectors
            "AVX-512 (Zen 5), 16, 32, 48, 1024, 8, 4",
            "AVX2 (Zen 3), 8, 16, 32, 512, 6, 2",
            "AVX2 capped on an AVX-512 host, 8, 16, 48, 1024, 6, 2",
            "NEON, 4, 32, 64, 1024, 8, 4",
            "AVX-512 at 128-bit, 4, 32, 48, 1024, 8, 4",
    })
    void tilesFitTheRegisterFileAndBlocksTheCaches(String isa, int lanes, int registers, long l1KiB, long l2KiB,
                                                   int expectedRows, int expectedVectors) {
        CpuFeatures f = machine(isa, lanes, registers, l1KiB * K, l2KiB * K);
        KernelShapes s = KernelShapes.derive(f);
        GemmShape g = s.gemm();
        assertEquals(expectedRows, g.mr(), "tile rows");
        assertEquals(expectedVectors, s.directVectors(), "direct convolution tile width in vectors");
        assertTrue(2 * g.mr() + 3 <= registers, "GEMM accumulators + B vectors + broadcast fit " + registers + " registers");
        assertTrue(7 * s.directVectors() + 1 <= registers, "direct tile fits " + registers + " registers");
        long bSliver = 4L * g.kc() * 2 * lanes;
        assertTrue(bSliver <= f.l1d() && bSliver >= f.l1d() / 4, "B sliver " + bSliver + " bytes in L1d " + f.l1d());
        assertTrue(4L * g.mc() * g.kc() <= f.l2() / 2, "A block in half of L2");
        assertEquals(0, g.mc() % g.mr(), "mc a multiple of the tile rows");
        assertEquals(0, g.nc() % (2 * lanes), "nc a multiple of the tile columns");
        List<String> why = KernelShapes.reasons(f);
        assertTrue(why.get(0).contains((2 * g.mr() + 3) + " of " + registers), why.get(0));
    }

    @Test
    void unknownCachesStillGiveValidShapes() {
        KernelShapes s = KernelShapes.derive(machine("x", 2, 16, 1, 1));
        assertEquals(64, s.gemm().kc(), "kc clamped from below");
        assertEquals(s.gemm().mr(), s.gemm().mc());
    }

    @Test
    void invalidShapesAreRefusedWithTheRule() {
        var e = assertThrows(IllegalArgumentException.class, () -> new GemmShape(7, 256, 70, 64));
        assertTrue(e.getMessage().contains("mr one of 6, 8, 12"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GemmShape(8, 256, 60, 1024));
        assertThrows(IllegalArgumentException.class, () -> new KernelShapes(new GemmShape(8, 256, 64, 1024), 3, "x"));
    }

    @Test
    void tuningFileRoundTripsForItsKeyOnly(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/tune.properties");
        KernelShapes tuned = new KernelShapes(new GemmShape(12, 192, 144, 2 * Sgemm.NR * 8), 2, "tuned");
        Tuning.write(file, "key A", tuned, List.of("gemm: 12 rows won", "two\nlines"));
        KernelShapes back = Tuning.read(file, "key A");
        assertEquals(tuned.gemm(), back.gemm());
        assertEquals(2, back.directVectors());
        assertTrue(back.source().startsWith("tuned"), back.source());
        assertNull(Tuning.read(file, "key B"), "a file written for another machine or JDK is not used");
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void malformedTuningFileIsRefusedWithTheField(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tune.properties");
        Files.writeString(file, "key=k\ngemm.mr=8\ngemm.kc=lots\n");
        var e = assertThrows(IllegalArgumentException.class, () -> Tuning.read(file, "k"));
        assertTrue(e.getMessage().contains("gemm.kc"), e.getMessage());
        Files.writeString(file, "key=k\ngemm.mr=7\ngemm.kc=256\ngemm.mc=70\ngemm.nc=1024\ndirect.vectors=4\n");
        assertThrows(IllegalArgumentException.class, () -> Tuning.read(file, "k"));
    }

    @Test
    void theHostIsDescribedAsTheJvmUsesIt() {
        CpuFeatures host = CpuFeatures.host();
        assertEquals(jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length(), host.lanes());
        assertTrue(host.vectorRegisters() == 16 || host.vectorRegisters() == 32, host.describe());
        assertTrue(host.l1d() > 0 && host.l2() >= host.l1d(), host.describe());
        assertTrue(host.describe().contains("lanes=" + host.lanes()), host.describe());
        System.out.println("[cpu tests] " + host.describe());
    }

    @Test
    void sysfsFormatsParse() {
        assertEquals(48 * K, CpuFeatures.parseSize("48K"));
        assertEquals(32 * K * K, CpuFeatures.parseSize("32M"));
        assertEquals(0, CpuFeatures.parseSize("big"));
        assertEquals(8, CpuFeatures.sharers("0-7"));
        assertEquals(4, CpuFeatures.sharers("0,2,4-5"));
        assertEquals(1, CpuFeatures.sharers(""));
    }
}
