package tandem.emotion.live;

import java.util.Locale;

/**
 * How a stream went: windows computed and dropped, the latency from a window's last frame to its result (median and
 * 95th percentile, NaN without windows), the model's warm-up, and the memory the ring buffers held.
 */
public record LiveSummary(StreamInfo stream, long windows, long dropped, double medianMillis, double p95Millis, double warmUpSeconds,
                          int frameCapacity, int sampleCapacity) {
    public String line() {
        return String.format(Locale.ROOT, "live: %d windows, %d dropped; latency median %.1f ms, p95 %.1f ms; warm-up %.2f s", windows,
                dropped, medianMillis, p95Millis, warmUpSeconds);
    }
}
