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
        if (device.index() > 1) {
            throw new IllegalStateException("there are two cpu devices, cpu (fast kernels) and cpu:ref (every op on its "
                    + "plain reference), not " + device);
        }
        return new CpuBackend(device);
    }
}
