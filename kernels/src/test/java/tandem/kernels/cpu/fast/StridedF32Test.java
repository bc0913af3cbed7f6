package tandem.kernels.cpu.fast;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tandem.tensor.BinaryOp;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.RandomKind;
import tandem.tensor.ReduceOp;
import tandem.tensor.Tensor;
import tandem.tensor.UnaryOp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The F32 strided path against the F64 reference, on permuted, sliced and broadcast views:
 * |x - ref| <= 1e-6 + 1e-5 |ref| (float rounding of double results), every op.
 */
class StridedF32Test {
    static Tensor f64(long seed, double lo, double hi, int... shape) {
        return Tensor.random(RandomKind.UNIFORM, seed, lo, hi, DType.F64, Device.CPU, shape);
    }

    static void close(Tensor f32, Tensor ref, String what) {
        float[] a = f32.toFloatArray();
        double[] r = ref.toDoubleArray();
        assertArrayEquals(ref.shape(), f32.shape(), what);
        for (int i = 0; i < a.length; i++) {
            boolean ok = Double.isNaN(r[i]) ? Float.isNaN(a[i]) : Math.abs(a[i] - r[i]) <= 1e-6 + 1e-5 * Math.abs(r[i]);
            assertTrue(ok, what + " element " + i + ": " + a[i] + " vs " + r[i]);
        }
    }

    /** Views of one base: permuted, stepped slice, broadcast. Each is F32 with the same values as its F64 twin. */
    static Tensor[][] views(Tensor base64) {
        Tensor base32 = base64.to(DType.F32);
        Tensor base64r = base32.to(DType.F64);                  // the exact values the F32 path sees
        return new Tensor[][] {
            {base32, base64r},
            {base32.permute(2, 0, 1), base64r.permute(2, 0, 1)},
            {base32.slice(2, 1, 7, 2), base64r.slice(2, 1, 7, 2)},
            {base32.narrow(0, 1, 1).expand(3, 4, 7), base64r.narrow(0, 1, 1).expand(3, 4, 7)},
        };
    }

    @Test void unaryOpsOnViews() {
        for (Tensor[] v : views(f64(1, 0.1, 2.0, 3, 4, 7))) {
            for (UnaryOp op : UnaryOp.values()) {
                close(v[0].unary(op, 1.5), v[1].unary(op, 1.5), op + " on " + Arrays.toString(v[0].shape()));
            }
        }
    }

    @Test void binaryOpsWithBroadcasting() {
        Tensor[][] a = views(f64(2, -2, 2, 3, 4, 7));
        Tensor b32 = f64(3, 0.5, 2, 4, 1).to(DType.F32);
        for (Tensor[] v : a) {
            for (BinaryOp op : BinaryOp.values()) {
                Tensor other32 = v[0].dim() == 3 && v[0].size(1) == 4 ? b32 : b32.reshape(4).narrow(0, 0, 1);
                Tensor other64 = other32.to(DType.F64);
                close(v[0].binary(op, other32), v[1].binary(op, other64), op + " " + Arrays.toString(v[0].shape()));
                close(other32.binary(op, v[0]), other64.binary(op, v[1]), op + " swapped");
            }
        }
    }

    @Test void reductionsOverAnyAxes() {
        for (Tensor[] v : views(f64(4, -3, 3, 3, 4, 7))) {
            for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.MEAN, ReduceOp.MAX}) {
                for (int[] axes : new int[][] {{0}, {1}, {2}, {0, 2}, {1, 2}, {0, 1, 2}}) {
                    for (boolean keep : new boolean[] {true, false}) {
                        close(v[0].reduce(op, keep, axes), v[1].reduce(op, keep, axes), op + " " + Arrays.toString(axes));
                    }
                }
            }
        }
    }

    @Test void copyFillAndAssignIntoStridedViews() {
        Tensor base = Tensor.zeros(4, 6);
        Tensor cols = base.slice(1, 1, 6, 2);                   // a strided destination
        cols.backend().fill(cols, 2.5);
        cols.backend().assign(cols.narrow(0, 0, 2), Tensor.of(new float[] {1, 2, 3}, 3));
        assertArrayEquals(new float[] {0, 1, 0, 2, 0, 3, 0, 1, 0, 2, 0, 3, 0, 2.5f, 0, 2.5f, 0, 2.5f, 0, 2.5f, 0, 2.5f, 0, 2.5f},
                base.toFloatArray());
        // overlapping source and destination of one storage
        Tensor row = Tensor.of(new float[] {1, 2, 3, 4}, 4);
        row.backend().assign(row.narrow(0, 1, 3), row.narrow(0, 0, 3));
        assertArrayEquals(new float[] {1, 1, 2, 3}, row.toFloatArray());
        assertEquals(1f, base.permute(1, 0).contiguous().toFloatArray()[4], 0f);   // (1, 0) of the transpose is (0, 1)
    }
}
