package tandem.kernels.device;

import java.util.ArrayList;
import java.util.List;
import tandem.tensor.DType;
import tandem.tensor.Tensor;

/**
 * Temporaries of one op (dense copies of strided inputs, intermediate buffers), released when the op returns, so a
 * device op never leaves memory for the Cleaner. Releasing after an asynchronous launch is safe: OpenCL keeps a
 * buffer alive until the commands using it finish, and CUDA's free waits for the device.
 */
final class Scratch implements AutoCloseable {
    private final DeviceBackend backend;
    private final List<Tensor> owned = new ArrayList<>();

    Scratch(DeviceBackend backend) { this.backend = backend; }

    /** {@code t} itself when it is contiguous from offset 0 over its whole storage, otherwise a released-later copy. */
    Tensor dense(Tensor t) {
        return t.isDense() ? t : own(backend.copy(t));
    }

    /** {@code t} in {@code dtype}: itself or a released-later cast. */
    Tensor as(Tensor t, DType dtype) {
        return t.dtype() == dtype ? t : own(backend.cast(t, dtype));
    }

    Tensor own(Tensor t) {
        owned.add(t);
        return t;
    }

    @Override
    public void close() {
        for (Tensor t : owned) t.close();
        owned.clear();
    }
}
