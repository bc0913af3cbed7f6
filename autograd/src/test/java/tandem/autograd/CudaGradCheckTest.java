package tandem.autograd;

import tandem.tensor.Device;

/** The device gradient checks on cuda:0; skipped with the reason when there is no GPU, driver or PTX. */
class CudaGradCheckTest extends DeviceGradCheckContract {
    @Override
    Device device() { return Device.parse("cuda"); }
}
