package tandem.kernels.device;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import tandem.kernels.cpu.CpuBackend;
import tandem.tensor.DType;
import tandem.tensor.Device;

/** What the device contract tests need: the device under test, its backend, and the CPU reference. */
public interface DeviceFixture {
    Device device();

    DeviceBackend backend();

    CpuBackend cpu();

    /** F32, and F64 where the device has doubles. */
    default List<DType> dtypes() {
        return backend().supportsF64() ? List.of(DType.F32, DType.F64) : List.of(DType.F32);
    }

    /** Runs the CPU reference; a reference not written yet skips the test (with its name) instead of failing it. */
    default <T> T reference(String name, Supplier<T> ref) {
        try {
            return ref.get();
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("CPU reference " + name + " is not written yet");
            throw e;
        }
    }
}
