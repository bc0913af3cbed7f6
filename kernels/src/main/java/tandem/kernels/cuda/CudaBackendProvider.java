package tandem.kernels.cuda;

import java.util.ServiceLoader;
import tandem.tensor.Device;
import tandem.tensor.DeviceType;
import tandem.tensor.backend.Backend;
import tandem.tensor.backend.BackendProvider;

/** Registers the CUDA backend for {@code cuda:N} devices with {@link ServiceLoader}. */
public final class CudaBackendProvider implements BackendProvider {
    @Override
    public DeviceType type() { return DeviceType.CUDA; }

    @Override
    public Backend open(Device device) { return CudaBackend.open(device); }
}
