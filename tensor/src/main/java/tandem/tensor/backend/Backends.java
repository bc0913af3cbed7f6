package tandem.tensor.backend;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import tandem.tensor.Device;

/**
 * Finds and caches the backend for a device. Providers come from {@link ServiceLoader}; a provider whose device
 * binding (JOCL for OpenCL, JCuda for CUDA) is absent from the class path is reported as such, so a CPU-only
 * application needs neither. While a decorator is set (a profiler recording), backends are handed out through it.
 */
public final class Backends {
    private static final Map<Device, Backend> OPEN = new ConcurrentHashMap<>();
    private static volatile UnaryOperator<Backend> decorator;

    private Backends() {}

    public static Backend get(Device device) {
        Backend b = OPEN.get(device);
        if (b == null) {
            synchronized (Backends.class) {
                b = OPEN.computeIfAbsent(device, Backends::open);
            }
        }
        UnaryOperator<Backend> d = decorator;
        return d == null ? b : d.apply(b);
    }

    /**
     * From now on {@link #get} returns {@code decorator.apply(backend)} instead of the backend itself (null: the
     * backend itself again). The profiler's hook ({@code tandem.tensor.profile.Profiler}): with none set, the cost
     * per lookup is one null check.
     */
    public static void decorate(UnaryOperator<Backend> decorator) { Backends.decorator = decorator; }

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
            if (p.type() != device.type()) continue;
            try {
                return p.open(device);
            } catch (NoClassDefFoundError e) {
                // The device bindings (JOCL, JCuda) are optional dependencies: the provider is found, its library is not.
                throw new IllegalStateException("device " + device + " cannot open: its binding is missing from the class path ("
                        + e.getMessage() + " not found); add " + device.type().whatToAdd(), e);
            }
        }
        throw new IllegalStateException("no backend for device " + device + " on the class path: add "
                + device.type().whatToAdd());
    }
}
