package tandem.emotion.device;

import tandem.tensor.Device;

/** Training steps of the tiny model on cuda:0 against the CPU; skipped with the reason without a GPU. */
class CudaTrainingTest extends DeviceTrainingContract {
    @Override
    Device device() { return Device.parse("cuda"); }
}
