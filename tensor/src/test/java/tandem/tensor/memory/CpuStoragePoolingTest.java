package tandem.tensor.memory;

import java.lang.ref.WeakReference;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tandem.tensor.DType;
import tandem.tensor.Device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How storages meet the global pool: only an explicit close returns an owned array, never the Cleaner, never a
 * borrowed array. Lengths are odd primes so that no other traffic shares their size class.
 */
class CpuStoragePoolingTest {
    private static final BufferPool POOL = BufferPool.global();

    @Test void closingReturnsTheArrayAndTheNextAllocationReusesItZeroed() {
        CpuStorage s = CpuStorage.allocate(DType.F32, 4099);
        float[] array = s.f32();
        Arrays.fill(array, 5f);
        long live = MemoryTracker.liveBytes(Device.CPU), pooled = POOL.stats().pooledBytes();
        s.close();
        assertEquals(live - 4099 * 4, MemoryTracker.liveBytes(Device.CPU), "a pooled array is not live");
        assertEquals(pooled + 4099 * 4, POOL.stats().pooledBytes());
        CpuStorage again = CpuStorage.allocate(DType.F32, 4099);
        assertSame(array, again.f32());
        assertArrayEquals(new float[4099], again.f32(), 0f);
        assertEquals(live, MemoryTracker.liveBytes(Device.CPU));
        again.close();
    }

    @Test void allocatingForOverwriteReusesWithoutClearing() {
        CpuStorage s = CpuStorage.allocate(DType.F64, 4111);
        double[] array = s.f64();
        s.close();
        long hits = POOL.stats().hits();
        CpuStorage again = CpuStorage.allocateForOverwrite(DType.F64, 4111);
        assertSame(array, again.f64());
        assertEquals(hits + 1, POOL.stats().hits());
        again.close();
    }

    @Test void withoutCloseNothingIsShared() {
        CpuStorage a = CpuStorage.allocate(DType.F32, 4127), b = CpuStorage.allocate(DType.F32, 4127);
        assertNotSame(a.f32(), b.f32());
        a.close();
        b.close();
        closingTwiceReturnsOnce(a);
    }

    private static void closingTwiceReturnsOnce(CpuStorage closed) {
        long returned = POOL.stats().returned();
        closed.close();
        assertEquals(returned, POOL.stats().returned());
    }

    @Test void aBorrowedArrayIsNeverRecycled() {
        float[] mine = new float[4133];
        long returned = POOL.stats().returned();
        CpuStorage s = CpuStorage.wrap(mine);
        assertFalse(s.isPooled());
        s.close();
        assertEquals(returned, POOL.stats().returned());
        assertNotSame(mine, CpuStorage.allocate(DType.F32, 4133).f32());
    }

    @Test void aCollectedStorageLetsItsArrayGoInsteadOfPoolingIt() throws InterruptedException {
        WeakReference<float[]> array = new WeakReference<>(CpuStorage.allocate(DType.F32, 4139).f32());
        for (int i = 0; i < 200 && array.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(array.get(), "the array of an unreachable storage is collected, so neither the Cleaner nor the pool holds it");
    }

    @Test void aClosedStorageHandsOutNothing() {
        CpuStorage s = CpuStorage.allocate(DType.F32, 4153);
        s.close();
        for (Runnable access : new Runnable[] {s::f32, () -> s.get(0), () -> s.set(0, 1)}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, access::run);
            assertTrue(e.getMessage().contains("closed") && e.getMessage().contains("4153"), e.getMessage());
        }
        CpuStorage next = CpuStorage.allocate(DType.F32, 4153);
        next.set(0, 9);
        assertThrows(IllegalStateException.class, () -> s.get(0), "still closed after its array moved on");
        next.close();
    }

    @Test void aScopeReturnsArraysButUnscopedAllocationsSurviveIt() {
        CpuStorage temp, state;
        long returned = POOL.stats().returned();
        try (MemoryScope scope = MemoryScope.open()) {
            temp = CpuStorage.allocate(DType.F32, 4157);
            state = MemoryScope.unscoped(() -> CpuStorage.allocate(DType.F32, 4159));
        }
        assertTrue(temp.isClosed());
        assertFalse(state.isClosed(), "allocated as if no scope were open");
        assertEquals(returned + 1, POOL.stats().returned());
        state.close();
    }
}
