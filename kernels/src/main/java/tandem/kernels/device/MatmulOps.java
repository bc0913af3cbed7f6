package tandem.kernels.device;

import java.util.Arrays;
import tandem.tensor.Shape;
import tandem.tensor.MatmulSpec;
import tandem.tensor.Tensor;

/**
 * Batched matrix product (gemm.cl). Operands are passed as views: batch dims broadcast through stride 0 and
 * transposed matrices through their row/column strides, so nothing is copied before the launch.
 */
final class MatmulOps {
    /** GEMM_TILE in gemm.cl. */
    static final int TILE = 16;
    /** CUDA's limit on the third grid dimension, which walks the batch; OpenCL accepts it too. */
    static final int MAX_BATCH_PER_LAUNCH = 65535;

    private MatmulOps() {}

    static Tensor matmul(DeviceBackend b, Tensor a, Tensor c) {
        b.requireHere("matmul", a, c);
        a.requireSameDeviceAndType("matmul", c);
        MatmulSpec spec = MatmulSpec.of(a.shape(), c.shape());
        int m = spec.m(), k = spec.k(), n = spec.n();
        int[] batch = spec.batch();
        Tensor ae = a.expand(spec.aShape()), ce = c.expand(spec.bShape());
        int nb = batch.length;
        int[] aSt = ae.strides(), cSt = ce.strides();
        long batches = Shape.numel(batch);
        Tensor y = b.empty(a.dtype(), spec.outShape());
        for (long start = 0; start < batches; start += MAX_BATCH_PER_LAUNCH) {
            long chunk = Math.min(MAX_BATCH_PER_LAUNCH, batches - start);
            KernelArgs args = new KernelArgs()
                    .ints(Layouts.shape("matmul", batch))
                    .ints(Layouts.strides("matmul", Arrays.copyOf(aSt, nb)))
                    .ints(Layouts.strides("matmul", Arrays.copyOf(cSt, nb)))
                    .i64(ae.offset()).i64(ce.offset())
                    .i32(aSt[nb]).i32(aSt[nb + 1]).i32(cSt[nb]).i32(cSt[nb + 1])
                    .i32(m).i32(n).i32(k).i64(start)
                    .buffer(ae).buffer(ce).buffer(y);
            Grid grid = new Grid(new long[] {Grid.roundUp(n, TILE), Grid.roundUp(m, TILE), chunk}, new int[] {TILE, TILE, 1});
            b.launch("gemm", a.dtype(), args, grid);
        }
        return y;
    }
}
