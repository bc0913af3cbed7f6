package tandem.kernels.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.Shape;
import tandem.tensor.Tensor;

/** |x - ref| <= atol + rtol * |ref|, elementwise, NaN matching NaN and infinities matching exactly. */
public record Tolerance(double atol, double rtol) {
    public static final Tolerance EXACT = new Tolerance(0, 0);

    /** Tolerances for one dtype: {@code f32} for F32 results, {@code f64} for F64 ones. */
    public static Tolerance of(DType dtype, Tolerance f32, Tolerance f64) { return dtype == DType.F32 ? f32 : f64; }

    /** Checks a device result against the CPU reference: device, dtype, shape and every value. */
    public void check(String what, Device device, Tensor dev, Tensor ref) {
        assertEquals(device, dev.device(), what + ": result lives on the wrong device");
        assertEquals(ref.dtype(), dev.dtype(), what + ": dtype");
        assertArrayEquals(ref.shape(), dev.shape(), what + ": shape " + Shape.str(dev.shape()) + " vs " + Shape.str(ref.shape()));
        assertValues(what, dev.toDoubleArray(), ref.toDoubleArray());
    }

    public void assertValues(String what, double[] got, double[] want) {
        assertEquals(want.length, got.length, what + ": element count");
        int bad = 0;
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < want.length; i++) {
            double x = got[i], r = want[i];
            boolean ok = Double.isNaN(r) ? Double.isNaN(x)
                    : Double.isInfinite(r) ? x == r
                    : Math.abs(x - r) <= atol + rtol * Math.abs(r);
            if (!ok && bad++ < 5) first.append(String.format(" [%d] got %.9g want %.9g;", i, x, r));
        }
        if (bad > 0) {
            fail(what + ": " + bad + " of " + want.length + " elements outside atol=" + atol + " rtol=" + rtol + ":" + first);
        }
    }
}
