package tandem.kernels.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.Tensor;

/** Upload, download, copy of strided views, cast, fill and assign. */
public interface LayoutContract extends DeviceFixture {
    @Test
    default void uploadAndDownloadRoundTripExactly() {
        for (DType dt : dtypes()) {
            Pair p = Pair.normal(device(), dt, 1, 3, 1, 7);
            Tolerance.EXACT.check("round trip " + dt, device(), p.dev(), p.cpu());
            assertEquals(Device.CPU, p.dev().to(Device.CPU).device());
            Tensor empty = Tensor.of(new float[0], 0, 5).to(device());
            assertEquals(0, empty.toFloatArray().length);
        }
    }

    @Test
    default void copyMakesStridedViewsContiguous() {
        for (DType dt : dtypes()) {
            Pair base = Pair.normal(device(), dt, 2, 5, 3, 7);
            Pair[] views = {
                base.view(t -> t.permute(2, 0, 1)),
                base.view(t -> t.slice(2, 1, 7, 3)),
                base.view(t -> t.narrow(0, 2, 3).transpose(0, 2)),
                base.view(t -> t.slice(1, 1, 2, 1).expand(4, 5, 1, 7)),
            };
            for (Pair v : views) {
                Tensor c = backend().copy(v.dev());
                assertTrue(c.isDense(), "copy is dense");
                Tolerance.EXACT.check("copy " + dt, device(), c, cpu().copy(v.cpu()));
            }
        }
    }

    @Test
    default void castConvertsBothWaysFromViews() {
        org.junit.jupiter.api.Assumptions.assumeTrue(backend().supportsF64(), device() + " has no F64");
        Pair p = Pair.normal(device(), DType.F64, 3, 4, 11).view(t -> t.transpose(0, 1));
        Tensor f = backend().cast(p.dev(), DType.F32);
        Tolerance.EXACT.check("cast f64->f32", device(), f, cpu().cast(p.cpu(), DType.F32));
        Tensor d = backend().cast(f, DType.F64);
        Tolerance.EXACT.check("cast f32->f64", device(), d, cpu().cast(cpu().cast(p.cpu(), DType.F32), DType.F64));
    }

    @Test
    default void fillWritesOnlyTheView() {
        for (DType dt : dtypes()) {
            Pair p = Pair.normal(device(), dt, 4, 6, 5);
            backend().fill(p.dev().slice(0, 1, 6, 2).slice(1, 0, 5, 2), 2.5);
            cpu().fill(p.cpu().slice(0, 1, 6, 2).slice(1, 0, 5, 2), 2.5);
            Tolerance.EXACT.check("fill " + dt, device(), p.dev(), p.cpu());
        }
    }

    @Test
    default void assignBroadcastsIntoAView() {
        for (DType dt : dtypes()) {
            Pair dst = Pair.normal(device(), dt, 5, 3, 4, 5);
            Pair src = Pair.normal(device(), dt, 6, 5, 1); // broadcasts to the (3, 5, 4) view
            backend().assign(dst.dev().transpose(1, 2), src.dev());
            cpu().assign(dst.cpu().transpose(1, 2), src.cpu());
            Tolerance.EXACT.check("assign " + dt, device(), dst.dev(), dst.cpu());
        }
        Pair dst = Pair.normal(device(), DType.F32, 7, 3, 4);
        Pair src = Pair.normal(device(), DType.F32, 8, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> backend().assign(dst.dev(), src.dev()));
        assertTrue(e.getMessage().contains("assign") && e.getMessage().contains("[5]"), e.getMessage());
    }

    @Test
    default void opsRejectTensorsFromAnotherDevice() {
        Tensor host = Tensor.ones(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend().unary(tandem.tensor.UnaryOp.EXP, host, 0));
        assertTrue(e.getMessage().contains("exp") && e.getMessage().contains("cpu"), e.getMessage());
        assertArrayEquals(new float[] {1, 1, 1}, host.toFloatArray());
    }
}
