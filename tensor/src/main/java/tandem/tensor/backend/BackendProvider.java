package tandem.tensor.backend;

import java.util.ServiceLoader;
import tandem.tensor.Device;
import tandem.tensor.DeviceType;

/**
 * Service interface, found with {@link ServiceLoader}: one provider per device type.
 * {@link #open} throws {@link IllegalStateException} with a precise reason when the device cannot be used
 * (missing native library, no such device index, ...).
 */
public interface BackendProvider {
    DeviceType type();

    Backend open(Device device);
}
