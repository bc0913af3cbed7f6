package tandem.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real bench runs of one small op (conv1d-mid on 1 thread; a few seconds each): the JSON a CI keeps, the roofline
 * plot, and {@code bench compare} telling two runs of the same code apart from a run whose kernel is deliberately
 * slowed 3x (the {@link SlowDown} test switch). The comparisons use a 20% floor instead of the default 5%: the machine
 * that runs the tests is shared, and this test must not fail on someone else's build. A row profiled by the bench is
 * checked on the fused attention, which goes through the Backend (the convolution rows call their kernels directly).
 */
class BenchRunTest {
    private static final String OP = "conv1d-mid";

    private static BenchCompareTest.Result run(Path out, String... extra) {
        String[] args = new String[6 + extra.length];
        System.arraycopy(new String[] {"--op", OP, "--threads", "1", "--out", out.toString()}, 0, args, 0, 6);
        System.arraycopy(extra, 0, args, 6, extra.length);
        BenchCompareTest.Result r = BenchCompareTest.bench(args);
        assertEquals(0, r.code(), r.err());
        return r;
    }

    @Test
    void compareFindsTheSlowedKernelAndNothingBetweenTwoRunsOfTheSameCode(@TempDir Path dir) throws IOException {
        Path first = dir.resolve("first.json"), second = dir.resolve("second.json"), slowed = dir.resolve("slowed.json");
        Path png = dir.resolve("roofline.png"), profiles = dir.resolve("profiles");
        run(first);
        run(second, "--plot", png.toString());
        System.setProperty(SlowDown.PROPERTY, OP + ":3");
        try {
            run(slowed);
        } finally {
            System.clearProperty(SlowDown.PROPERTY);
        }

        JsonObject json = JsonParser.parseString(Files.readString(first)).getAsJsonObject();
        JsonObject env = json.getAsJsonObject("environment");
        for (String field : new String[] {"commit", "jdk", "jvm", "cpu", "isa", "vector_bits", "float_lanes", "cores", "load_at_start"}) {
            assertTrue(env.has(field), field + " missing in " + env);
        }
        JsonObject ceiling = json.getAsJsonArray("ceilings").get(0).getAsJsonObject();
        assertTrue(ceiling.get("peak_gflops").getAsDouble() > 0 && ceiling.get("peak_end_gflops").getAsDouble() > 0
                && ceiling.get("bandwidth_gbs").getAsDouble() > 0, ceiling.toString());
        JsonObject row = json.getAsJsonArray("rows").get(0).getAsJsonObject();
        assertEquals(OP, row.get("op").getAsString());
        assertTrue(row.get("runs").getAsInt() >= 3 && row.has("spread") && row.get("flops_per_byte").getAsDouble() > 0, row.toString());

        BenchCompareTest.Result profiled = BenchCompareTest.bench("--op", "attn-full", "--threads", "1", "--profile", "--profile-dir", profiles.toString());
        assertEquals(0, profiled.code(), profiled.err());
        assertTrue(profiled.out().contains("windowAttentionForward"), "the row's op table: " + profiled.out());
        assertTrue(Files.isRegularFile(profiles.resolve("attn-full-fwd-t1/trace.json")), "a trace per row");
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "a PNG");
        assertEquals(1200, image.getWidth());

        BenchCompareTest.Result same = BenchCompareTest.bench("compare", "--fail-on-regression", "--tolerance", "20", first.toString(), second.toString());
        assertEquals(0, same.code(), same.out());
        assertTrue(same.out().contains("no regression beyond the noise"), same.out());
        assertFalse(same.out().contains("SLOWER"), same.out());

        BenchCompareTest.Result worse = BenchCompareTest.bench("compare", "--fail-on-regression", "--tolerance", "20", second.toString(), slowed.toString());
        assertEquals(1, worse.code(), worse.out());
        assertTrue(worse.out().contains("rows slower beyond the noise: " + OP + " fwd t1, " + OP + " fwdbwd t1"), worse.out());
    }

    @Test
    void badOptionsFailBeforeMeasuringAnything(@TempDir Path dir) {
        BenchCompareTest.Result plot = BenchCompareTest.bench("--op", OP, "--plot", dir.resolve("roofline.svg").toString());
        assertEquals(2, plot.code());
        assertTrue(plot.err().contains("does not end in .png"), plot.err());
        BenchCompareTest.Result out = BenchCompareTest.bench("--op", OP, "--out", dir.resolve("missing/run.json").toString());
        assertEquals(2, out.code());
        assertTrue(out.err().contains("does not exist"), out.err());
        System.setProperty(SlowDown.PROPERTY, "nope");
        try {
            BenchCompareTest.Result slow = BenchCompareTest.bench("--op", OP);
            assertEquals(2, slow.code());
            assertTrue(slow.err().contains("unknown op 'nope'"), slow.err());
        } finally {
            System.clearProperty(SlowDown.PROPERTY);
        }
    }
}
