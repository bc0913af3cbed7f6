package tandem.autograd;

import tandem.tensor.Device;

/** The device gradient checks on opencl:0 (PoCL's CPU device in CI); skipped with the reason when none exists. */
class OpenClGradCheckTest extends DeviceGradCheckContract {
    @Override
    Device device() { return Device.parse("opencl"); }
}
