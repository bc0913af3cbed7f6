package tandem.kernels.cpu;

import org.junit.jupiter.api.Test;
import tandem.tensor.Device;
import tandem.tensor.Tensor;
import tandem.tensor.memory.MemoryScope;
import tandem.tensor.memory.MemoryTracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryTest {
    /**
     * Live bytes after the Cleaner has caught up with garbage from earlier tests, so that a later comparison sees
     * only what this test did.
     */
    private static long settledLiveBytes() throws InterruptedException {
        long last = Long.MIN_VALUE;
        for (int stable = 0, tries = 0; stable < 3 && tries < 100; tries++) {
            System.gc();
            Thread.sleep(10);
            long now = MemoryTracker.liveBytes(Device.CPU);
            stable = now == last ? stable + 1 : 0;
            last = now;
        }
        return last;
    }

    @Test
    void scopeFreesWhatWasNotKeptAndLiveBytesReturnToBaseline() throws InterruptedException {
        long baseline = settledLiveBytes();
        Tensor a, b, kept;
        try (MemoryScope scope = MemoryScope.open()) {
            a = Tensor.ones(100, 10);
            b = a.mul(3).add(a);
            assertTrue(MemoryTracker.liveBytes(Device.CPU) >= baseline + 2 * 4000, "two 4000-byte tensors are live");
            kept = scope.keep(b.sum());
        }
        assertTrue(a.storage().isClosed() && b.storage().isClosed(), "temporaries are closed by the scope");
        assertFalse(kept.storage().isClosed(), "the kept tensor survives");
        assertEquals(4000, kept.item(), 0);
        assertEquals(baseline + kept.storage().bytes(), MemoryTracker.liveBytes(Device.CPU), "only the kept scalar is live");
        kept.close();
        assertEquals(baseline, MemoryTracker.liveBytes(Device.CPU), "back to baseline");
        kept.close();
        assertEquals(baseline, MemoryTracker.liveBytes(Device.CPU), "closing twice releases once");
    }

    @Test
    void keptStoragePassesToTheEnclosingScope() {
        Tensor inner;
        try (MemoryScope outer = MemoryScope.open()) {
            try (MemoryScope scope = MemoryScope.open()) {
                inner = scope.keep(Tensor.ones(8));
            }
            assertFalse(inner.storage().isClosed(), "kept by the inner scope");
        }
        assertTrue(inner.storage().isClosed(), "released by the outer scope, which did not keep it");
    }

    @Test
    void closedTensorsFailClearly() {
        Tensor x = Tensor.ones(2, 3);
        Tensor view = x.transpose(0, 1);
        x.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> view.add(1));
        assertTrue(e.getMessage().contains("closed") && e.getMessage().contains("cpu"), e.getMessage());
        assertThrows(IllegalStateException.class, x::toFloatArray);
        assertEquals("tensor(<closed>, shape=[3, 2])", view.toString());
    }
}
