package tandem.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/** Each thread draws its own seed stream, so models built at once in parallel are the models built alone. */
class SeedsTest {
    static long[] draws(long seed, CyclicBarrier lockstep) throws Exception {
        Seeds.set(seed);
        long[] out = new long[50];
        for (int i = 0; i < out.length; i++) {
            if (lockstep != null) lockstep.await();     // both threads draw in turn, as interleaved as it gets
            out[i] = Seeds.next();
        }
        return out;
    }

    @Test void parallelThreadsDrawWhatTheyWouldAlone() throws Exception {
        long[] alone = draws(42, null);
        CyclicBarrier lockstep = new CyclicBarrier(2);
        long[][] got = new long[2][];
        Thread other = new Thread(() -> {
            try {
                got[1] = draws(42, lockstep);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        other.start();
        got[0] = draws(42, lockstep);
        other.join();
        assertArrayEquals(alone, got[0]);
        assertArrayEquals(alone, got[1]);
    }
}
