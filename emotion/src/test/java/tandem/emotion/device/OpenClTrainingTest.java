package tandem.emotion.device;

import tandem.tensor.Device;

/** Training steps of the tiny model on opencl:0 (PoCL's CPU device in CI) against the CPU. */
class OpenClTrainingTest extends DeviceTrainingContract {
    @Override
    Device device() { return Device.parse("opencl"); }
}
