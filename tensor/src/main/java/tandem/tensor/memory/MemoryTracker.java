package tandem.tensor.memory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import tandem.tensor.Device;

/**
 * Live bytes per device: every {@link Storage} adds its size when allocated and subtracts it when released
 * (by {@code close()}, a {@link MemoryScope}, or the Cleaner). Leak tests compare {@link #liveBytes} before and after.
 */
public final class MemoryTracker {
    private static final Map<Device, AtomicLong> LIVE = new ConcurrentHashMap<>();
    private static final Map<Device, AtomicLong> PEAK = new ConcurrentHashMap<>();

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
        AtomicLong v = LIVE.get(device);
        return v == null ? 0 : v.get();
    }

    /** Highest live byte count seen on {@code device} since start or the last {@link #resetPeak}. */
    public static long peakBytes(Device device) {
        AtomicLong v = PEAK.get(device);
        return v == null ? 0 : v.get();
    }

    public static void resetPeak(Device device) {
        PEAK.computeIfAbsent(device, d -> new AtomicLong()).set(liveBytes(device));
    }
}
