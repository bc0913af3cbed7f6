package tandem.kernels.cpu;

import static tandem.kernels.cpu.HostViews.adopt;
import static tandem.kernels.cpu.HostViews.outF32;
import static tandem.kernels.cpu.HostViews.read;
import static tandem.kernels.cpu.HostViews.wrap;

import java.util.Arrays;
import tandem.kernels.cpu.fast.StridedF32;
import tandem.kernels.cpu.ref.ReduceRef;
import tandem.tensor.ReduceOp;
import tandem.tensor.ReduceSpec;
import tandem.tensor.Shape;
import tandem.tensor.Tensor;
import tandem.tensor.memory.CpuStorage;

/** Reductions over axes: F32 sum, mean and max as runs of consecutive elements; everything else on {@link ReduceRef}. */
final class ReduceOps {
    private ReduceOps() {}

    static Tensor reduce(CpuBackend b, ReduceOp op, Tensor x, int[] axes, boolean keepDims) {
        ReduceSpec spec = ReduceSpec.of(op.name().toLowerCase(), op, x.dim(), axes, keepDims);
        int[] outShape = spec.outputShape(x.shape());
        if (b.fast(x) && (op == ReduceOp.SUM || op == ReduceOp.MEAN || op == ReduceOp.MAX)) return reduceF32(b, op, x, axes, outShape);
        return wrap(b.device(), ReduceRef.reduce(op, read(x), x.shape(), axes), x.dtype(), outShape);
    }

    /** Moves the reduced axes last (a view), makes that dense, and reduces runs of consecutive elements. */
    private static Tensor reduceF32(CpuBackend b, ReduceOp op, Tensor x, int[] axes, int[] outShape) {
        int[] shape = x.shape();
        int[] order = new int[shape.length];
        boolean[] reduced = new boolean[shape.length];
        for (int a : axes) reduced[a] = true;
        int k = 0;
        long inner = 1;
        for (int i = 0; i < shape.length; i++) if (!reduced[i]) order[k++] = i;
        for (int a : axes) {
            order[k++] = a;
            inner *= shape[a];
        }
        Tensor moved = x.permute(order);
        float[] dense = ((CpuStorage) (moved.isDense() ? moved : LayoutOps.copy(b, moved)).storage()).f32();
        int runs = (int) Shape.numel(outShape);
        float[] out = outF32(outShape);
        if (inner == 0) {
            Arrays.fill(out, op == ReduceOp.MAX ? Float.NEGATIVE_INFINITY : op == ReduceOp.MEAN ? Float.NaN : 0f);
        } else if (op == ReduceOp.MAX) {
            StridedF32.maxRuns(dense, runs, (int) inner, out);
        } else {
            StridedF32.sumRuns(dense, runs, (int) inner, op == ReduceOp.MEAN, out);
        }
        return adopt(b.device(), out, outShape);
    }
}
