package tandem.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tandem.tensor.ConvSpec;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.DeviceType;
import tandem.tensor.PoolSpec;
import tandem.tensor.Tensor;
import tandem.tensor.UnaryOp;
import tandem.tensor.backend.Backend;
import tandem.tensor.backend.Backends;
import tandem.tensor.backend.FusedOp;
import tandem.tensor.memory.MemoryTracker;

/**
 * {@code cpu:ref}: the CPU backend instance that runs every op on its plain reference. Its results stay on its device,
 * are the double-precision reference rounded to the dtype (bit for bit), and agree with the fast kernels of
 * {@code cpu} within float rounding.
 */
class ReferenceDeviceTest {
    private static final Device REF = Device.CPU_REFERENCE;

    @Test
    void theDeviceParsesPrintsAndOpensAsTheReferenceBackend() {
        assertEquals(REF, Device.parse("cpu:ref"));
        assertEquals("cpu:ref", REF.toString());
        assertEquals("cpu", Device.CPU.toString());
        Backend b = Backends.get(REF);
        assertTrue(b instanceof CpuBackend c && c.isReference(), "cpu:ref opens the reference instance");
        assertTrue(!((CpuBackend) Backends.get(Device.CPU)).isReference(), "cpu opens the fast instance");
        var e = assertThrows(IllegalStateException.class, () -> new CpuBackendProvider().open(new Device(DeviceType.CPU, 2)));
        assertTrue(e.getMessage().contains("cpu:ref"), e.getMessage());
    }

    @Test
    void f32ResultsAreTheDoubleReferenceRoundedToFloat() {
        Tensor a = Tensor.randn(1, 5, 257), b = Tensor.randn(2, 257, 9);
        float[] onRef = a.to(REF).matmul(b.to(REF)).toFloatArray();
        float[] reference = a.to(DType.F64).matmul(b.to(DType.F64)).to(DType.F32).toFloatArray();
        assertArrayEquals(reference, onRef, "cpu:ref runs the double reference for F32 too");
    }

    @Test
    void aChainOfOpsStaysOnTheDeviceAndAgreesWithTheFastKernels() {
        Tensor x = Tensor.randn(3, 2, 4, 9, 9), w = Tensor.randn(4, 6, 4, 3, 3);
        ConvSpec conv = ConvSpec.of(2, 1, 1, 1, 1);
        PoolSpec pool = PoolSpec.of(2, 2, 2, 0);
        Tensor fast = chain(x, w, conv, pool);
        Tensor ref = chain(x.to(REF), w.to(REF), conv, pool);
        assertEquals(REF, ref.device(), "every intermediate and the result live on cpu:ref");
        assertEquals(Device.CPU, fast.device());
        float[] f = fast.toFloatArray(), r = ref.toFloatArray();
        assertEquals(f.length, r.length);
        for (int i = 0; i < f.length; i++) assertEquals(r[i], f[i], 1e-4 * (1 + Math.abs(r[i])), "element " + i);
    }

    // conv -> relu -> max pool -> softmax over channels -> self-similarity of the flattened positions
    private static Tensor chain(Tensor x, Tensor w, ConvSpec conv, PoolSpec pool) {
        Backend b = x.backend();
        Tensor y = b.maxPoolForward(b.convForward(x, w, conv).unary(UnaryOp.RELU), pool);
        Tensor s = y.softmax(1);
        Tensor q = s.reshape(2, 6, 16).transpose(1, 2).contiguous(); // (B, T=16, D=6)
        return q.matmul(q.transpose(1, 2));                          // (B, 16, 16)
    }

    @Test
    void theReferenceDeviceLeavesAttentionAndExcitationToAutogradsComposites() {
        Backend ref = Backends.get(REF), fast = Backends.get(Device.CPU);
        for (FusedOp op : new FusedOp[] {FusedOp.WINDOW_ATTENTION, FusedOp.SE_EXCITE}) {
            assertFalse(ref.hasFused(op), "cpu:ref has no fused " + op);
            assertEquals(VectorApi.AVAILABLE, fast.hasFused(op), "cpu has fused " + op + " with the Vector API");
        }
        assertTrue(ref.hasFused(FusedOp.ADAM_STEP) && ref.hasFused(FusedOp.SGD_STEP), "the optimizer steps are plain double loops");
        Tensor q = Tensor.randn(5, 1, 8, 4).to(REF);
        assertThrows(UnsupportedOperationException.class, () -> ref.windowAttentionForward(q, q, q, 2, 0.5));
    }

    @Test
    void memoryIsCountedPerDevice() {
        long before = MemoryTracker.liveBytes(REF);
        Tensor t = Tensor.zeros(DType.F32, REF, 1000);
        assertEquals(before + 4000, MemoryTracker.liveBytes(REF));
        t.close();
        assertEquals(before, MemoryTracker.liveBytes(REF));
    }

    @Test
    void mixingTheTwoCpuDevicesIsRefusedWithBothNamed() {
        Tensor a = Tensor.randn(1, 3), b = Tensor.randn(2, 3).to(REF);
        var e = assertThrows(IllegalArgumentException.class, () -> a.add(b));
        assertTrue(e.getMessage().contains("cpu:ref") && e.getMessage().contains("on cpu"), e.getMessage());
    }
}
