package tandem.kernels.device;

import java.util.Arrays;
import tandem.tensor.Shape;
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
        int[] as = a.shape(), cs = c.shape();
        if (as.length < 2 || cs.length < 2 || as[as.length - 1] != cs[cs.length - 2]) {
            throw new IllegalArgumentException("matmul: shapes " + Shape.str(as) + " and " + Shape.str(cs)
                    + " do not fit (need (..., M, K) @ (..., K, N))");
        }
        int m = as[as.length - 2], k = as[as.length - 1], n = cs[cs.length - 1];
        int[] batch = Shape.broadcast("matmul", Arrays.copyOf(as, as.length - 2), Arrays.copyOf(cs, cs.length - 2));
        Tensor ae = a.expand(withMatrix(batch, m, k)), ce = c.expand(withMatrix(batch, k, n));
        int nb = batch.length;
        int[] aSt = ae.strides(), cSt = ce.strides();
        long batches = Shape.numel(batch);
        Tensor y = b.empty(a.dtype(), withMatrix(batch, m, n));
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

    private static int[] withMatrix(int[] batch, int rows, int cols) {
        int[] s = Arrays.copyOf(batch, batch.length + 2);
        s[batch.length] = rows;
        s[batch.length + 1] = cols;
        return s;
    }
}
