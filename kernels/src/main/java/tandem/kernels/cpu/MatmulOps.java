package tandem.kernels.cpu;

import static tandem.kernels.cpu.HostViews.denseF32;
import static tandem.kernels.cpu.HostViews.read;
import static tandem.kernels.cpu.HostViews.wrap;

import tandem.kernels.cpu.fast.Sgemm;
import tandem.kernels.cpu.ref.MatmulRef;
import tandem.tensor.MatmulSpec;
import tandem.tensor.Tensor;

/** Batched matmul with broadcast batch dims: {@link Sgemm} for F32, {@link MatmulRef} otherwise. */
final class MatmulOps {
    private MatmulOps() {}

    static Tensor matmul(CpuBackend b, Tensor x, Tensor y) {
        x.requireSameDeviceAndType("matmul", y);
        MatmulSpec s = MatmulSpec.of(x.shape(), y.shape());
        if (b.fast(x, y)) {
            float[] c = Sgemm.matmul(denseF32(x.expand(s.aShape())), denseF32(y.expand(s.bShape())), s.batchCount(), s.m(), s.k(), s.n());
            return HostViews.adopt(b.device(), c, s.outShape());
        }
        double[] c = MatmulRef.matmul(read(x.expand(s.aShape())), read(y.expand(s.bShape())), s.batchCount(), s.m(), s.k(), s.n());
        return wrap(b.device(), c, x.dtype(), s.outShape());
    }
}
