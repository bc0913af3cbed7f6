package tandem.nn;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The seed stream that parameter initialisers and dropout draw from, so that a model built and trained after
 * {@code Seeds.set(s)} is the same model every time. Each draw is a fresh counter-based stream.
 *
 * <p>The stream belongs to the calling thread: two threads that build and train models at once (the cells of a grid
 * run as parallel tasks in one JVM) each get exactly the draws they would get alone.
 */
public final class Seeds {
    private static final ThreadLocal<AtomicLong> NEXT = ThreadLocal.withInitial(() -> new AtomicLong(0x7A4D3E));

    private Seeds() {}

    public static void set(long seed) { NEXT.get().set(tandem.tensor.CounterRng.mix(seed)); }

    public static long next() { return tandem.tensor.CounterRng.mix(NEXT.get().getAndIncrement()); }
}
