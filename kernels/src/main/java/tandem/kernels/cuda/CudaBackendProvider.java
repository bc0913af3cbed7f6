package tandem.kernels.cuda;

import tandem.tensor.Device;
import tandem.tensor.DeviceType;
import tandem.tensor.backend.Backend;
import tandem.tensor.backend.BackendProvider;

/** Registers the CUDA backend for {@code cuda:N} devices with {@link java.util.ServiceLoader}. */
public final class CudaBackendProvider implements BackendProvider {
    @Override
    public DeviceType type() { return DeviceType.CUDA; }

    @Override
    public Backend open(Device device) { return CudaBackend.open(device); }
}
