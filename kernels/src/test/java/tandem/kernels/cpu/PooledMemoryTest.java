package tandem.kernels.cpu;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tandem.tensor.ConvSpec;
import tandem.tensor.DType;
import tandem.tensor.Tensor;
import tandem.tensor.memory.BufferPool;
import tandem.tensor.memory.CpuStorage;
import tandem.tensor.memory.MemoryScope;
import tandem.tensor.memory.Storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backend results draw on the pool, and a tensor whose array was recycled stays closed. Odd sizes keep classes private. */
class PooledMemoryTest {
    private static float[] array(Tensor t) { return ((CpuStorage) t.storage()).f32(); }

    @Test void anElementwiseResultReusesTheArrayOfAClosedOne() {
        Tensor x = Tensor.rand(3, 4201);
        Tensor first = x.mul(2);
        float[] recycled = array(first);
        first.close();
        Tensor second = x.add(1);
        assertSame(recycled, array(second), "the result of the same size takes the freed array");
        float[] xs = x.toFloatArray(), ys = second.toFloatArray();
        for (int i = 0; i < xs.length; i++) assertEquals(xs[i] + 1, ys[i], 0f, "every element overwritten, index " + i);
    }

    @Test void convolutionResultsAreOwnedAndReturnToThePool() {
        // x: (B, C, H, W), w: (O, C, kh, kw); the output (32 KB) is above the global pool's 16 KiB floor
        Tensor x = Tensor.randn(1, 1, 2, 40, 101), w = Tensor.randn(2, 3, 2, 3, 3);
        long returned = BufferPool.global().stats().returned();
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor y = x.backend().convForward(x, w, ConvSpec.of(2, 1, 1, 1, 1));
            assertTrue(((CpuStorage) y.storage()).isPooled());
        }
        assertTrue(BufferPool.global().stats().returned() > returned);
    }

    @Test void aClosedTensorFailsClearlyAfterItsArrayWasReused() {
        Tensor x = Tensor.ones(4211);
        Tensor view = x.reshape(1, 4211);
        float[] recycled = array(x);
        x.close();
        Tensor y = Tensor.full(3, x.dtype(), x.device(), 4211);
        assertSame(recycled, array(y));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> view.add(1));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, x::toFloatArray);
        float[] threes = new float[4211];
        Arrays.fill(threes, 3f);
        assertArrayEquals(threes, y.toFloatArray(), 0f, "the new owner's data is its own");
    }

    @Test void uploadCopiesSoTheCallersArrayIsNeverRecycled() {
        float[] host = new float[4217];
        Storage s = new CpuBackend().upload(host);
        assertNotSame(host, ((CpuStorage) s).f32());
        s.close();
        assertNotSame(host, CpuStorage.allocate(DType.F32, 4217).f32());
    }
}
