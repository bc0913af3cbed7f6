package tandem.nn;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The seed stream that parameter initialisers and dropout draw from, so that a model built and trained after
 * {@code Seeds.set(s)} is the same model every time. Each draw is a fresh counter-based stream.
 */
public final class Seeds {
    private static final AtomicLong NEXT = new AtomicLong(0x7A4D3E);

    private Seeds() {}

    public static void set(long seed) { NEXT.set(tandem.tensor.CounterRng.mix(seed)); }

    public static long next() { return tandem.tensor.CounterRng.mix(NEXT.getAndIncrement()); }
}
