package tandem.emotion.live;

/**
 * Quantiles of the window latencies over a whole stream in fixed memory: a histogram with buckets 1% wide on a log
 * scale from 0.01 ms to over an hour, so the median and the 95th percentile are exact to within 1% however long the
 * stream runs.
 */
final class LatencyStats {
    private static final double MIN_MILLIS = 0.01, GROWTH = 1.01;
    private static final int BUCKETS = (int) Math.ceil(Math.log(1e7 / MIN_MILLIS) / Math.log(GROWTH)) + 1;
    private final long[] counts = new long[BUCKETS];
    private long n;

    synchronized void add(double millis) {
        int b = millis <= MIN_MILLIS ? 0 : (int) Math.min(BUCKETS - 1, Math.floor(Math.log(millis / MIN_MILLIS) / Math.log(GROWTH)) + 1);
        counts[b]++;
        n++;
    }

    synchronized long count() { return n; }

    /** The q-quantile (0 < q <= 1): the geometric middle of the bucket that holds it; NaN when empty. */
    synchronized double quantile(double q) {
        if (n == 0) return Double.NaN;
        long rank = (long) Math.ceil(q * n), seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += counts[b];
            if (seen >= Math.max(1, rank)) return b == 0 ? MIN_MILLIS : MIN_MILLIS * Math.pow(GROWTH, b - 0.5);
        }
        return Double.NaN;
    }
}
