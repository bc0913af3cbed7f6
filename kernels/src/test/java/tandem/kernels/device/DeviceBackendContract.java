package tandem.kernels.device;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tandem.kernels.cpu.CpuBackend;
import tandem.tensor.Device;
import tandem.tensor.backend.Backend;
import tandem.tensor.backend.Backends;

/**
 * Every Backend op on a device against the CPU reference, on odd shapes (primes, 1s) and strided views, with
 * explicit tolerances. A subclass names the device; when it cannot be opened, every test is skipped with the reason
 * and {@link DeviceTestSummary} prints it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(DeviceTestSummary.class)
public abstract class DeviceBackendContract implements LayoutContract, ElementwiseContract, ReduceContract,
        MatmulContract, ConvPoolContract, NormSoftmaxContract, RandomOptimizerContract, MemoryContract, FusedOpsContract,
        ProfileContract {
    private final CpuBackend cpu = new CpuBackend();
    private DeviceBackend backend;

    @BeforeAll
    void openDevice() {
        Backend b;
        try {
            b = Backends.get(device());
        } catch (IllegalStateException | LinkageError e) {
            Assumptions.abort(device() + " unavailable: " + e.getMessage());
            return;
        }
        Assumptions.assumeTrue(b instanceof DeviceBackend, device() + " is not served by a DeviceBackend but by " + b);
        backend = (DeviceBackend) b;
        System.out.println("[device tests] " + device() + " is " + backend.deviceName()
                + (backend.supportsF64() ? ", with F64" : ", F32 only"));
    }

    @Override
    public abstract Device device();

    @Override
    public DeviceBackend backend() { return backend; }

    @Override
    public CpuBackend cpu() { return cpu; }
}
