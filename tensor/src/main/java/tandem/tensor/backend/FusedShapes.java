package tandem.tensor.backend;

import java.util.Arrays;
import tandem.tensor.Shape;
import tandem.tensor.Tensor;
import tandem.tensor.TimeWindows;

/**
 * The shapes of the fused ops (windowed attention, squeeze-and-excitation) and their checks, shared by every path:
 * the composite autograd builds from primitives and each backend's fused kernels reject bad input with the same
 * message, and agree on the window bounds ({@link TimeWindows}).
 */
public final class FusedShapes {
    private FusedShapes() {}

    /** Sizes of one windowed-attention call: q (b, tq, d), k (b, tk, d), v (b, tk, dv). */
    public record WindowDims(int b, int tq, int tk, int d, int dv, int windows) {
        /** The windows over the query axis. */
        public TimeWindows queries() { return new TimeWindows(tq, windows); }

        /** The windows over the key axis. */
        public TimeWindows keys() { return new TimeWindows(tk, windows); }

        /** First query row of window {@code i}; window i holds rows [queryStart(i), queryStart(i + 1)). */
        public int queryStart(int i) { return queries().start(i); }

        /** First key row of window {@code i}. */
        public int keyStart(int i) { return keys().start(i); }
    }

    /** Sizes of one SE call: z (b, n), w1 (c, h, n), b1 (c, h), w2 (c, n, h), b2 (c, n). */
    public record SeDims(int b, int c, int h, int n) {}

    // ---- shape checks shared by every path --------------------------------------------------------------------

    /** Checks q (B, Tq, D), k (B, Tk, D), v (B, Tk, Dv), one dtype and device, and 1 <= windows <= min(Tq, Tk). */
    public static WindowDims checkWindowAttention(String op, Tensor q, Tensor k, Tensor v, int windows) {
        Shape.requireRank(op, "q (B, Tq, D)", q.shape(), 3);
        Shape.requireRank(op, "k (B, Tk, D)", k.shape(), 3);
        Shape.requireRank(op, "v (B, Tk, Dv)", v.shape(), 3);
        q.requireSameDeviceAndType(op, k);
        q.requireSameDeviceAndType(op, v);
        int b = q.size(0), tq = q.size(1), d = q.size(2), tk = k.size(1);
        if (k.size(0) != b || k.size(2) != d || v.size(0) != b || v.size(1) != tk) {
            throw new IllegalArgumentException(op + ": q " + Shape.str(q.shape()) + ", k " + Shape.str(k.shape()) + " and v "
                    + Shape.str(v.shape()) + " do not fit (need q (B, Tq, D), k (B, Tk, D), v (B, Tk, Dv))");
        }
        if (windows < 1 || windows > Math.min(tq, tk)) {
            throw new IllegalArgumentException(op + ": windows must be between 1 and min(Tq, Tk) = " + Math.min(tq, tk)
                    + " so that every window holds a query and a key, got " + windows + " for q " + Shape.str(q.shape())
                    + " and k " + Shape.str(k.shape()));
        }
        return new WindowDims(b, tq, tk, d, v.size(2), windows);
    }

    /** The forward's checks plus out (B, Tq, Dv), logsumexp (B, Tq) and dOut (B, Tq, Dv). */
    public static WindowDims checkWindowAttentionBackward(String op, Tensor q, Tensor k, Tensor v, Tensor out,
                                                          Tensor logsumexp, Tensor dOut, int windows) {
        WindowDims d = checkWindowAttention(op, q, k, v, windows);
        requireShape(op, "out", out, q, d.b(), d.tq(), d.dv());
        requireShape(op, "logsumexp", logsumexp, q, d.b(), d.tq());
        requireShape(op, "dOut", dOut, q, d.b(), d.tq(), d.dv());
        return d;
    }

    /** Checks z (B, N), w1 (C, H, N), b1 (C, H), w2 (C, N, H), b2 (C, N), one dtype and device. */
    public static SeDims checkSeExcite(String op, Tensor z, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
        Shape.requireRank(op, "z (B, N)", z.shape(), 2);
        Shape.requireRank(op, "w1 (C, H, N)", w1.shape(), 3);
        SeDims d = new SeDims(z.size(0), w1.size(0), w1.size(1), z.size(1));
        requireShape(op, "w1", w1, z, d.c(), d.h(), d.n());
        requireShape(op, "b1", b1, z, d.c(), d.h());
        requireShape(op, "w2", w2, z, d.c(), d.n(), d.h());
        requireShape(op, "b2", b2, z, d.c(), d.n());
        return d;
    }

    /** The forward's checks plus ds (B, C, N). */
    public static SeDims checkSeExciteBackward(String op, Tensor z, Tensor w1, Tensor b1, Tensor w2, Tensor b2, Tensor ds) {
        SeDims d = checkSeExcite(op, z, w1, b1, w2, b2);
        requireShape(op, "ds", ds, z, d.b(), d.c(), d.n());
        return d;
    }

    /**
     * Checks the operands of an in-place optimizer step: the parameter and every state tensor (null entries are
     * skipped) dense, of one shape, dtype and device.
     */
    public static void checkInPlaceUpdate(String op, Tensor param, Tensor... state) {
        for (Tensor t : state) {
            if (t == null) continue;
            param.requireSameDeviceAndType(op, t);
            if (!Arrays.equals(t.shape(), param.shape())) {
                throw new IllegalArgumentException(op + ": state " + Shape.str(t.shape()) + " does not match parameter "
                        + Shape.str(param.shape()));
            }
            requireDense(op, t);
        }
        requireDense(op, param);
    }

    private static void requireDense(String op, Tensor t) {
        if (!t.isDense()) {
            throw new IllegalArgumentException(op + ": updates in place need dense tensors, got a view "
                    + Shape.str(t.shape()) + " with strides " + Arrays.toString(t.strides()) + " at offset " + t.offset());
        }
    }

    private static void requireShape(String op, String name, Tensor t, Tensor like, int... expected) {
        like.requireSameDeviceAndType(op, t);
        if (!Arrays.equals(t.shape(), expected)) {
            throw new IllegalArgumentException(op + ": " + name + " has shape " + Shape.str(t.shape()) + ", expected "
                    + Shape.str(expected));
        }
    }
}
