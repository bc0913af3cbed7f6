package tandem.tensor.memory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import tandem.tensor.Device;

/**
 * Live bytes per device: every {@link Storage} adds its size when allocated and subtracts it when released
 * (by {@code close()}, a {@link MemoryScope}, or the Cleaner). Leak tests compare {@link #liveBytes} before and after.
 * Device backends also count the bytes they copy between host and device ({@link #uploadedBytes},
 * {@link #downloadedBytes}), so a test can tell what crossed the bus during a training step.
 */
public final class MemoryTracker {
    private static final Map<Device, AtomicLong> LIVE = new ConcurrentHashMap<>();
    private static final Map<Device, AtomicLong> PEAK = new ConcurrentHashMap<>();
    private static final Map<Device, AtomicLong> UPLOADED = new ConcurrentHashMap<>();
    private static final Map<Device, AtomicLong> DOWNLOADED = new ConcurrentHashMap<>();

    private MemoryTracker() {}

    static void allocated(Device device, long bytes) {
        long now = LIVE.computeIfAbsent(device, d -> new AtomicLong()).addAndGet(bytes);
        PEAK.computeIfAbsent(device, d -> new AtomicLong()).accumulateAndGet(now, Math::max);
    }

    static void released(Device device, long bytes) {
        LIVE.computeIfAbsent(device, d -> new AtomicLong()).addAndGet(-bytes);
    }

    /** Bytes of storage currently alive on {@code device}. */
    public static long liveBytes(Device device) {
        return read(LIVE, device);
    }

    /** Highest live byte count seen on {@code device} since start or the last {@link #resetPeak}. */
    public static long peakBytes(Device device) {
        return read(PEAK, device);
    }

    public static void resetPeak(Device device) {
        PEAK.computeIfAbsent(device, d -> new AtomicLong()).set(liveBytes(device));
    }

    /** Called by a device backend after copying {@code bytes} from the host to {@code device}. */
    public static void uploaded(Device device, long bytes) {
        UPLOADED.computeIfAbsent(device, d -> new AtomicLong()).addAndGet(bytes);
    }

    /** Called by a device backend after copying {@code bytes} from {@code device} to the host. */
    public static void downloaded(Device device, long bytes) {
        DOWNLOADED.computeIfAbsent(device, d -> new AtomicLong()).addAndGet(bytes);
    }

    /** Bytes copied from the host to {@code device} since start. */
    public static long uploadedBytes(Device device) {
        return read(UPLOADED, device);
    }

    /** Bytes copied from {@code device} to the host since start. */
    public static long downloadedBytes(Device device) {
        return read(DOWNLOADED, device);
    }

    private static long read(Map<Device, AtomicLong> counters, Device device) {
        AtomicLong v = counters.get(device);
        return v == null ? 0 : v.get();
    }
}
