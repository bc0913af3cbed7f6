package tandem.tensor.memory;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pool on its own (a private instance, so the global pool's traffic does not interfere). */
class BufferPoolTest {
    @Test void anArrayGivenBackIsTakenAgainAndZeroedWhenAskedFor() {
        BufferPool pool = new BufferPool(1 << 20);
        float[] a = pool.takeF32(100, true);
        Arrays.fill(a, 7f);
        pool.give(a);
        assertEquals(400, pool.stats().pooledBytes());
        float[] b = pool.takeF32(100, true);
        assertSame(a, b, "same size class: the pooled array comes back");
        assertArrayEquals(new float[100], b, 0f, "zeroed on request");
        BufferPool.Stats s = pool.stats();
        assertEquals(1, s.hits());
        assertEquals(1, s.misses());
        assertEquals(0, s.pooledBytes(), "a taken array is no longer pooled");
    }

    @Test void takingForOverwriteSkipsTheFill() {
        BufferPool pool = new BufferPool(1 << 20);
        double[] a = pool.takeF64(10, false);
        Arrays.fill(a, 3.0);
        pool.give(a);
        double[] b = pool.takeF64(10, false);
        assertSame(a, b);
        assertEquals(3.0, b[9], 0.0, "not cleared: the caller overwrites every element");
    }

    @Test void sizeClassesAreExactPerDtype() {
        BufferPool pool = new BufferPool(1 << 20);
        float[] a = pool.takeF32(100, true);
        pool.give(a);
        assertEquals(101, pool.takeF32(101, true).length);
        assertEquals(100, pool.takeF64(100, true).length);
        assertEquals(0, pool.stats().hits(), "neither another length nor another dtype takes the float[100]");
        assertSame(a, pool.takeF32(100, true));
    }

    @Test void theBoundIsRespectedByDroppingTheLeastRecentlyUsedClass() {
        BufferPool pool = new BufferPool(1000);
        float[] a = pool.takeF32(100, true);            // 400 bytes
        double[] b = pool.takeF64(50, true);            // 400 bytes
        float[] c = pool.takeF32(60, true);             // 240 bytes
        float[] huge = pool.takeF32(300, true);         // 1200 bytes
        pool.give(a);
        pool.give(b);
        assertEquals(800, pool.stats().pooledBytes());
        pool.give(c);                                   // 1040 > 1000: the oldest class (float[100]) goes
        BufferPool.Stats s = pool.stats();
        assertEquals(640, s.pooledBytes());
        assertEquals(2, s.pooledArrays());
        assertEquals(1, s.dropped());
        assertNotSame(a, pool.takeF32(100, true), "dropped");
        assertSame(b, pool.takeF64(50, true), "kept");

        pool.give(huge);                                // can never fit
        assertEquals(240, pool.stats().pooledBytes(), "an array larger than the bound is dropped, nothing else");
        assertEquals(2, pool.stats().dropped());
    }

    @Test void shrinkingTheBoundDropsAtOnceAndZeroTurnsPoolingOff() {
        BufferPool pool = new BufferPool(1 << 20);
        float[][] taken = new float[5][];
        for (int i = 0; i < 5; i++) taken[i] = pool.takeF32(256, true);
        for (int i = 0; i < 4; i++) pool.give(taken[i]);
        assertEquals(4096, pool.stats().pooledBytes());
        pool.setMaxBytes(2048);
        assertEquals(2048, pool.stats().pooledBytes());
        pool.setMaxBytes(0);
        assertEquals(0, pool.stats().pooledBytes());
        float[] a = pool.takeF32(8, true);
        pool.give(a);
        assertNotSame(a, pool.takeF32(8, true), "with bound 0 nothing is kept");
        pool.setMaxBytes(1 << 20);
        pool.give(taken[4]);
        assertEquals(1, pool.stats().pooledArrays());
        pool.clear();
        assertEquals(0, pool.stats().pooledArrays());
    }

    @Test void onlyArraysItLentComeBackAndEachOnlyOnce() {
        BufferPool pool = new BufferPool(1 << 20);
        float[] foreign = new float[32];
        pool.give(foreign);
        assertEquals(1, pool.stats().refused(), "made elsewhere: its maker may still hold it");
        assertNotSame(foreign, pool.takeF32(32, true));

        double[] mine = pool.takeF64(32, true);
        pool.give(mine);
        pool.give(mine);
        assertEquals(2, pool.stats().refused(), "given twice: the second is refused");
        assertEquals(1, pool.stats().pooledArrays());
        assertSame(mine, pool.takeF64(32, true));
        assertNotSame(mine, pool.takeF64(32, true), "it was pooled once, so only one taker gets it");
    }

    @Test void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BufferPool(-1));
        assertTrue(e.getMessage().contains("maxBytes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BufferPool(10).takeF32(-3, true));
        assertTrue(e.getMessage().contains("-3"), e.getMessage());
    }

    @Test void concurrentUseNeverHandsOneArrayToTwoHolders() throws InterruptedException {
        BufferPool pool = new BufferPool(64 * 1024);
        Set<Object> held = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        AtomicInteger conflicts = new AtomicInteger();
        int threads = 4, rounds = 3000;
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            ts[t] = new Thread(() -> {
                for (int r = 0; r < rounds; r++) {
                    float[] a = pool.takeF32(64 + (r % 4), r % 2 == 0);
                    if (!held.add(a)) conflicts.incrementAndGet();
                    Arrays.fill(a, id);
                    for (float v : a) if (v != id) conflicts.incrementAndGet();
                    held.remove(a);
                    pool.give(a);
                }
            });
            ts[t].start();
        }
        for (Thread t : ts) t.join();
        BufferPool.Stats s = pool.stats();
        assertEquals(0, conflicts.get(), "an array was held by two threads at once");
        assertEquals((long) threads * rounds, s.hits() + s.misses());
        assertEquals((long) threads * rounds, s.returned());
        assertTrue(s.hits() > s.misses(), "reuse dominates: " + s);
        assertTrue(s.pooledBytes() <= 64 * 1024);
    }
}
