package tandem.kernels.opencl;

import tandem.kernels.device.DeviceBackendContract;
import tandem.tensor.Device;
import tandem.tensor.DeviceType;

/** The full device contract on opencl:0 (PoCL's CPU device in CI); skipped with the reason when no OpenCL device exists. */
class OpenClBackendTest extends DeviceBackendContract {
    @Override
    public Device device() { return new Device(DeviceType.OPENCL, 0); }
}
