package tandem.kernels.cpu;

import tandem.kernels.cpu.fast.SeExciteF32;
import tandem.kernels.cpu.fast.SeExciteF64;
import tandem.kernels.cpu.fast.WindowAttentionF32;
import tandem.kernels.cpu.fast.WindowAttentionF64;
import tandem.tensor.DType;
import tandem.tensor.Tensor;
import tandem.tensor.backend.CompositeKernels;

/**
 * Windowed attention and squeeze-and-excitation: the fused kernels (F32 on the Vector API, F64 in plain double loops)
 * on {@code cpu}, their compositions of primitives ({@link CompositeKernels}) on {@code cpu:ref}.
 */
final class FusedOps {
    private FusedOps() {}

    static Tensor[] windowAttentionForward(CpuBackend b, Tensor q, Tensor k, Tensor v, int windows, double scale) {
        if (b.isReference()) return CompositeKernels.windowAttentionForward(b, q, k, v, windows, scale);
        return q.dtype() == DType.F32 ? WindowAttentionF32.forward(q, k, v, windows, scale)
                : WindowAttentionF64.forward(q, k, v, windows, scale);
    }

    static Tensor[] windowAttentionBackward(CpuBackend b, Tensor q, Tensor k, Tensor v, Tensor out, Tensor logsumexp,
                                            Tensor dOut, int windows, double scale) {
        if (b.isReference()) return CompositeKernels.windowAttentionBackward(b, q, k, v, out, logsumexp, dOut, windows, scale);
        return q.dtype() == DType.F32 ? WindowAttentionF32.backward(q, k, v, out, logsumexp, dOut, windows, scale)
                : WindowAttentionF64.backward(q, k, v, out, logsumexp, dOut, windows, scale);
    }

    static Tensor windowAttentionWeights(CpuBackend b, Tensor q, Tensor k, int windows, double scale) {
        if (b.isReference()) return CompositeKernels.windowAttentionWeights(b, q, k, windows, scale);
        return WindowAttentionF64.weights(q, k, windows, scale);
    }

    static Tensor seExciteForward(CpuBackend b, Tensor z, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
        if (b.isReference()) return CompositeKernels.seExciteForward(b, z, w1, b1, w2, b2);
        return z.dtype() == DType.F32 ? SeExciteF32.forward(z, w1, b1, w2, b2) : SeExciteF64.forward(z, w1, b1, w2, b2);
    }

    static Tensor[] seExciteBackward(CpuBackend b, Tensor z, Tensor w1, Tensor b1, Tensor w2, Tensor b2, Tensor ds) {
        if (b.isReference()) return CompositeKernels.seExciteBackward(b, z, w1, b1, w2, b2, ds);
        return z.dtype() == DType.F32 ? SeExciteF32.backward(z, w1, b1, w2, b2, ds) : SeExciteF64.backward(z, w1, b1, w2, b2, ds);
    }
}
