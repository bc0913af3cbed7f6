package tandem.kernels.opencl;

import java.util.ServiceLoader;
import tandem.tensor.Device;
import tandem.tensor.DeviceType;
import tandem.tensor.backend.Backend;
import tandem.tensor.backend.BackendProvider;

/** Registers the OpenCL backend for {@code opencl:N} devices with {@link ServiceLoader}. */
public final class OpenClBackendProvider implements BackendProvider {
    @Override
    public DeviceType type() { return DeviceType.OPENCL; }

    @Override
    public Backend open(Device device) { return OpenClBackend.open(device); }
}
