package tandem.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code ./tandem bench}'s command line: usage on --help, one line (no stack trace) on a bad argument. */
class BenchCommandTest {
    private record Result(int code, String out, String err) {}

    private static Result bench(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = BenchMain.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsUsageWithEveryOp() {
        Result r = bench("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Usage: bench") && r.out().contains("--op") && r.out().contains("conv3d-mid"), r.out());
    }

    @Test
    void anUnknownOpIsOneLineNamingTheKnownOnes() {
        Result r = bench("--op", "nope");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("tandem bench: error: --op: unknown op 'nope'; known: gemm"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void anUnknownOptionOrDeviceIsRefused() {
        Result unknown = bench("--fast");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("Unknown option: '--fast'"), unknown.err());
        Result device = bench("--device", "tpu", "--op", "gemm");
        assertEquals(2, device.code());
        assertTrue(device.err().startsWith("tandem bench: error: ") && device.err().contains("tpu"), device.err());
        assertFalse(device.err().contains("\tat "), "no stack trace: " + device.err());
    }
}
