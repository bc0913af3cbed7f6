package tandem.kernels.cpu;

import tandem.kernels.cpu.fast.SeExciteF32;
import tandem.kernels.cpu.fast.SeExciteF64;
import tandem.kernels.cpu.fast.WindowAttentionF32;
import tandem.kernels.cpu.fast.WindowAttentionF64;
import tandem.tensor.DType;
import tandem.tensor.Tensor;

/**
 * Windowed attention and squeeze-and-excitation: the fused kernels (F32 on the Vector API, F64 in plain double loops).
 * On {@code cpu:ref} the backend says it has none of these ({@link CpuBackend#hasFused}), so autograd runs its
 * compositions of primitives instead.
 */
final class FusedOps {
    private FusedOps() {}

    static Tensor[] windowAttentionForward(Tensor q, Tensor k, Tensor v, int windows, double scale) {
        return q.dtype() == DType.F32 ? WindowAttentionF32.forward(q, k, v, windows, scale)
                : WindowAttentionF64.forward(q, k, v, windows, scale);
    }

    static Tensor[] windowAttentionBackward(Tensor q, Tensor k, Tensor v, Tensor out, Tensor logsumexp,
                                            Tensor dOut, int windows, double scale) {
        return q.dtype() == DType.F32 ? WindowAttentionF32.backward(q, k, v, out, logsumexp, dOut, windows, scale)
                : WindowAttentionF64.backward(q, k, v, out, logsumexp, dOut, windows, scale);
    }

    static Tensor windowAttentionWeights(Tensor q, Tensor k, int windows, double scale) {
        return WindowAttentionF64.weights(q, k, windows, scale);
    }

    static Tensor seExciteForward(Tensor z, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
        return z.dtype() == DType.F32 ? SeExciteF32.forward(z, w1, b1, w2, b2) : SeExciteF64.forward(z, w1, b1, w2, b2);
    }

    static Tensor[] seExciteBackward(Tensor z, Tensor w1, Tensor b1, Tensor w2, Tensor b2, Tensor ds) {
        return z.dtype() == DType.F32 ? SeExciteF32.backward(z, w1, b1, w2, b2, ds) : SeExciteF64.backward(z, w1, b1, w2, b2, ds);
    }
}
