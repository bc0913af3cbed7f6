package tandem.kernels.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tandem.tensor.DType;
import tandem.tensor.profile.OpSummary;
import tandem.tensor.profile.Profile;
import tandem.tensor.profile.Profiler;

/** While a profiler records, each device op carries the device's own time for the kernels it launched. */
public interface ProfileContract extends DeviceFixture {
    @Test
    default void aProfiledOpCarriesTheKernelTimeTheDeviceMeasured() {
        Pair a = Pair.normal(device(), DType.F32, 7, 96, 80), b = Pair.normal(device(), DType.F32, 8, 80, 64);
        Profile p;
        try (Profiler profiler = Profiler.start()) {
            a.dev().matmul(b.dev()).toFloatArray();
            p = profiler.stop();
        }
        OpSummary matmul = p.byOp().stream().filter(s -> s.name().equals("matmul")).findFirst().orElseThrow();
        assertEquals(1, matmul.calls());
        assertTrue(matmul.kernels() > 0, "the matmul launched kernels");
        assertTrue(matmul.deviceNanos() > 0, device() + ": every kernel timed by the device, got " + matmul.deviceNanos());
        // the kernels ran inside the call (every launch waits while recording), so their time fits in its wall time
        assertTrue(matmul.deviceNanos() <= matmul.wallNanos() * 1.01, matmul.deviceNanos() + " ns on the device, " + matmul.wallNanos() + " ns wall");
        assertEquals(2.0 * 96 * 64 * 80, matmul.flops());
    }
}
