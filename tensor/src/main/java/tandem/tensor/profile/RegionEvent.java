package tandem.tensor.profile;

/** A named span of one thread (a training step, a benchmark row), nanoseconds from the start of the recording. */
record RegionEvent(String name, int depth, long startNanos, long wallNanos) {}
