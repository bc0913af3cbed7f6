package tandem.kernels.device;

import org.junit.jupiter.api.Test;
import tandem.tensor.DType;
import tandem.tensor.ReduceOp;
import tandem.tensor.Tensor;
import tandem.tensor.memory.MemoryScope;
import tandem.tensor.memory.MemoryTracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Device memory is accounted and returned: by close(), by a MemoryScope, and ops free their own temporaries. */
public interface MemoryContract extends DeviceFixture {
    @Test
    default void closeReturnsLiveBytesToTheStart() {
        long start = MemoryTracker.liveBytes(device());
        Tensor t = backend().random(tandem.tensor.RandomKind.NORMAL, new int[] {1000}, DType.F32, 1, 0, 0, 1);
        assertEquals(start + 4000, MemoryTracker.liveBytes(device()), "a 1000-float tensor adds 4000 live bytes");
        t.close();
        assertEquals(start, MemoryTracker.liveBytes(device()));
        IllegalStateException e = assertThrows(IllegalStateException.class, t::toFloatArray);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    default void scopeReleasesEverythingNotKept() {
        long start = MemoryTracker.liveBytes(device());
        Tensor kept;
        try (MemoryScope scope = MemoryScope.open()) {
            Pair a = Pair.normal(device(), DType.F32, 101, 17, 33);
            Pair b = Pair.normal(device(), DType.F32, 102, 33, 9);
            Tensor c = backend().matmul(a.dev().transpose(0, 1).transpose(0, 1), b.dev());
            Tensor s = backend().reduce(ReduceOp.SUM, backend().unary(tandem.tensor.UnaryOp.EXP, c, 0), new int[] {0}, false);
            kept = scope.keep(s);
            assertTrue(MemoryTracker.liveBytes(device()) > start + s.numel() * 4, "intermediates are live inside the scope");
        }
        assertEquals(start + kept.numel() * 4, MemoryTracker.liveBytes(device()), "only the kept result survives");
        kept.close();
        assertEquals(start, MemoryTracker.liveBytes(device()));
    }

    @Test
    default void opsFreeTheirOwnTemporaries() {
        Pair x = Pair.normal(device(), DType.F32, 103, 4, 6, 5).view(t -> t.permute(0, 2, 1)); // strided: ops copy it
        long start = MemoryTracker.liveBytes(device());
        Tensor y = backend().softmax(x.dev(), 1, false);
        Tensor[] bn = backend().batchNormForward(x.dev(), Tensor.ones(5).to(device()), Tensor.zeros(5).to(device()),
                Tensor.zeros(5).to(device()), Tensor.ones(5).to(device()), true, 0.1, 1e-5);
        long expected = y.storage().bytes() + 4 * 5 * 4 + bn[0].storage().bytes() + 2 * 5 * 4;
        assertEquals(start + expected, MemoryTracker.liveBytes(device()), "only outputs and the inputs made here stay live");
    }
}
