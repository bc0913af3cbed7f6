package tandem.emotion.live;

/**
 * How {@code live} plays a stream.
 *
 * @param hop         frames between the starts of consecutive windows (a window is the model's 30 frames)
 * @param smoothing   how decisions are smoothed over the last windows
 * @param playback    pacing, speed, looping and network timeout of the source
 * @param duration    stream seconds after which to stop; {@code Double.POSITIVE_INFINITY} for the whole stream
 * @param maxSkew     how far apart (seconds) sound and picture may arrive before the stream counts as broken
 * @param waiting     windows that may wait for the inference thread; beyond that a live source drops the oldest
 * @param warmUpRuns  blank windows run through the model before the first real one
 */
public record LiveOptions(int hop, Smoothing smoothing, StreamDecoder.Playback playback, double duration, double maxSkew, int waiting,
                          int warmUpRuns) {
    public static final int DEFAULT_HOP = 10;
    public static final double DEFAULT_MAX_SKEW = 2.0;

    public LiveOptions {
        if (hop < 1) throw new IllegalArgumentException("--hop must be at least 1 frame, got " + hop);
        if (!(duration > 0)) throw new IllegalArgumentException("--duration must be a positive number of seconds, got " + duration);
        if (!(maxSkew > 0) || Double.isInfinite(maxSkew)) throw new IllegalArgumentException("--max-skew must be a positive number of seconds, got " + maxSkew);
        if (waiting < 1) throw new IllegalArgumentException("at least one window must be able to wait, got " + waiting);
        if (warmUpRuns < 0) throw new IllegalArgumentException("warm-up runs must be >= 0, got " + warmUpRuns);
    }

    /** Every window of a file, as fast as the model goes; exponential smoothing over 5 windows. */
    public static LiveOptions defaults() {
        return new LiveOptions(DEFAULT_HOP, new Smoothing(Smoothing.Kind.EXP, 5), StreamDecoder.Playback.asFastAsPossible(),
                Double.POSITIVE_INFINITY, DEFAULT_MAX_SKEW, 1, 3);
    }

    public LiveOptions withHop(int frames) { return new LiveOptions(frames, smoothing, playback, duration, maxSkew, waiting, warmUpRuns); }

    public LiveOptions withPlayback(StreamDecoder.Playback p) { return new LiveOptions(hop, smoothing, p, duration, maxSkew, waiting, warmUpRuns); }

    public LiveOptions withDuration(double seconds) { return new LiveOptions(hop, smoothing, playback, seconds, maxSkew, waiting, warmUpRuns); }

    public LiveOptions withSmoothing(Smoothing s) { return new LiveOptions(hop, s, playback, duration, maxSkew, waiting, warmUpRuns); }

    public LiveOptions withMaxSkew(double seconds) { return new LiveOptions(hop, smoothing, playback, duration, seconds, waiting, warmUpRuns); }

    /**
     * A source whose frames come by themselves (a stream, a device, a pipe, or a paced file) must not wait for the
     * model, so windows are dropped when it falls behind; a file read as fast as possible waits and drops none.
     */
    WindowQueue.Policy policy(SourceSpec source) {
        return source.kind().live() || playback.paced() ? WindowQueue.Policy.DROP_OLDEST : WindowQueue.Policy.BLOCK;
    }
}
