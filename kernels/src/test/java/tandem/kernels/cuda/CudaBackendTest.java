package tandem.kernels.cuda;

import tandem.kernels.device.DeviceBackendContract;
import tandem.tensor.Device;
import tandem.tensor.DeviceType;

/** The full device contract on cuda:0; skipped with the precise reason when there is no GPU, driver, or PTX. */
class CudaBackendTest extends DeviceBackendContract {
    @Override
    public Device device() { return new Device(DeviceType.CUDA, 0); }
}
