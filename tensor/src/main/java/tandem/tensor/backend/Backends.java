package tandem.tensor.backend;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import tandem.tensor.Device;

/** Finds and caches the backend for a device. */
public final class Backends {
    private static final Map<Device, Backend> OPEN = new ConcurrentHashMap<>();

    private Backends() {}

    public static Backend get(Device device) {
        Backend b = OPEN.get(device);
        if (b != null) return b;
        synchronized (Backends.class) {
            return OPEN.computeIfAbsent(device, Backends::open);
        }
    }

    /** True when {@code device} can be opened; never throws. */
    public static boolean isAvailable(Device device) {
        try {
            get(device);
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static Backend open(Device device) {
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            if (p.type() == device.type()) return p.open(device);
        }
        throw new IllegalStateException("no backend for device " + device + " on the class path: add "
                + device.type().whatToAdd());
    }
}
