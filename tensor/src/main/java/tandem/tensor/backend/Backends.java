package tandem.tensor.backend;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import tandem.tensor.Device;

/** Finds and caches the backend for a device, and hands it out through a decorator while one is set. */
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
            if (p.type() == device.type()) return p.open(device);
        }
        throw new IllegalStateException("no backend for device " + device + " on the class path: add "
                + device.type().whatToAdd());
    }
}
