package tandem.kernels.cpu;

import tandem.tensor.Device;
import tandem.tensor.DeviceType;
import tandem.tensor.backend.Backend;
import tandem.tensor.backend.BackendProvider;

public final class CpuBackendProvider implements BackendProvider {
    @Override
    public DeviceType type() { return DeviceType.CPU; }

    @Override
    public Backend open(Device device) {
        if (device.index() != 0) throw new IllegalStateException("there is one cpu device (cpu:0), not " + device);
        return new CpuBackend();
    }
}
