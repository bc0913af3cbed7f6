package tandem.kernels.cpu;

import java.util.Arrays;
import tandem.kernels.cpu.fast.StridedF32;
import tandem.kernels.cpu.ref.Strided;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.Shape;
import tandem.tensor.Tensor;
import tandem.tensor.memory.BufferPool;
import tandem.tensor.memory.CpuStorage;

/**
 * Between strided tensor views on the host and the flat arrays kernels compute on. The references gather any view
 * into a row-major {@code double[]} ({@link #read}) and results come back as new tensors ({@link #wrap}); the fast F32
 * kernels read dense views in place ({@link #denseF32}), walk strided ones through {@link StridedF32.View}s, and
 * write into pooled arrays ({@link #outF32}) that their result tensors adopt ({@link #adopt}).
 */
final class HostViews {
    private HostViews() {}

    /** The view's elements, row-major, as doubles. */
    static double[] read(Tensor t) {
        CpuStorage s = (CpuStorage) t.storage();
        int[] off = Strided.offsets(t.shape(), t.strides(), t.offset());
        double[] out = new double[off.length];
        if (s.dtype() == DType.F32) {
            float[] a = s.f32();
            for (int i = 0; i < off.length; i++) out[i] = a[off[i]];
        } else {
            double[] a = s.f64();
            for (int i = 0; i < off.length; i++) out[i] = a[off[i]];
        }
        return out;
    }

    /** Writes row-major {@code values} into the view {@code dst}. */
    static void write(Tensor dst, double[] values) {
        CpuStorage s = (CpuStorage) dst.storage();
        int[] off = Strided.offsets(dst.shape(), dst.strides(), dst.offset());
        for (int i = 0; i < off.length; i++) s.set(off[i], values[i]);
    }

    /** The F32 view's elements, row-major: the backing array itself when the view is dense, else a gathered copy. */
    static float[] denseF32(Tensor t) {
        float[] a = ((CpuStorage) t.storage()).f32();
        if (t.isDense()) return a;
        int[] off = Strided.offsets(t.shape(), t.strides(), t.offset());
        float[] out = new float[off.length];
        for (int i = 0; i < off.length; i++) out[i] = a[off[i]];
        return out;
    }

    /** A new contiguous tensor of {@code dtype} on {@code device} holding {@code values}. */
    static Tensor wrap(Device device, double[] values, DType dtype, int[] shape) {
        if (dtype == DType.F64) return Tensor.of(CpuStorage.wrap(device, values), shape);
        CpuStorage out = CpuStorage.allocateForOverwrite(device, DType.F32, values.length);   // every element written below
        float[] f = out.f32();
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return Tensor.of(out, shape);
    }

    /** An F32 operand as the fast strided kernels see it, broadcast to {@code shape}. */
    static StridedF32.View view(Tensor t, int[] shape) {
        Tensor e = Arrays.equals(t.shape(), shape) ? t : t.expand(shape);
        return new StridedF32.View(((CpuStorage) t.storage()).f32(), e.strides(), (int) e.offset());
    }

    /** A pooled array for a result every element of which the kernel writes; {@link #adopt} takes it over. */
    static float[] outF32(int[] shape) {
        return BufferPool.global().takeF32((int) Shape.numel(shape), false);
    }

    /** A tensor on {@code device} owning {@code values} (an array from the pool: it goes back there on close). */
    static Tensor adopt(Device device, float[] values, int[] shape) {
        return Tensor.of(CpuStorage.adopt(device, values), shape);
    }
}
