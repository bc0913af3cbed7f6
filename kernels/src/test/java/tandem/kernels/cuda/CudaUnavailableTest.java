package tandem.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tandem.tensor.Device;
import tandem.tensor.DeviceType;

/** Where CUDA cannot be opened, the reason is one precise line: which library or device is missing. */
class CudaUnavailableTest {
    @Test
    void openingWithoutCudaGivesAPreciseOneLineReason() {
        String reason;
        try {
            CudaBackend.open(new Device(DeviceType.CUDA, 0));
            Assumptions.abort("cuda:0 opened on this machine; the unavailable path is not exercised here");
            return;
        } catch (IllegalStateException e) {
            reason = e.getMessage();
        }
        assertTrue(reason.startsWith("CUDA") || reason.startsWith("no CUDA device"), reason);
        assertTrue(reason.contains("libcuda.so.1") || reason.contains("no CUDA device") || reason.contains("cuInit")
                || reason.contains("libnvrtc.so.12") || reason.contains("JCuda"), reason);
        assertFalse(reason.contains("\n"), "one line: " + reason);
    }

    @Test
    void anOrdinalBeyondTheDevicesIsNamed() {
        try {
            CudaBackend.open(new Device(DeviceType.CUDA, 0));
        } catch (IllegalStateException e) {
            Assumptions.abort("no CUDA here: " + e.getMessage());
        }
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> CudaBackend.open(new Device(DeviceType.CUDA, 999)));
        assertTrue(e.getMessage().contains("cuda:999"), e.getMessage());
    }
}
