package tandem.autograd.ops;

import tandem.autograd.Function;
import tandem.autograd.Var;
import tandem.tensor.BinaryOp;
import tandem.tensor.Tensor;

/** Sum, mean and max over axes. Backward broadcasts the gradient back over the reduced axes. */
public final class Reductions {
    private Reductions() {}

    /** The gradient of a reduced value, reshaped with the reduced axes kept as 1 so it broadcasts to the input. */
    static Tensor keepDims(Tensor g, int[] inShape, int[] axes) {
        int[] kept = inShape.clone();
        for (int a : axes) kept[a] = 1;
        return g.reshape(kept);
    }

    public static final class Sum extends Function {
        private int[] inShape, axes;

        public static Var apply(Var x, int[] axes, boolean keepDims) {
            Sum f = new Sum();
            f.inShape = x.shape();
            f.axes = x.data().normaliseAxes("sum", axes);
            return f.output(x.data().sum(keepDims, f.axes), x);
        }

        @Override
        public Tensor[] backward(Tensor g) {
            return new Tensor[] {keepDims(g, inShape, axes).expand(inShape).contiguous()};
        }
    }

    public static final class Mean extends Function {
        private int[] inShape, axes;
        private long count;

        public static Var apply(Var x, int[] axes, boolean keepDims) {
            Mean f = new Mean();
            f.inShape = x.shape();
            f.axes = x.data().normaliseAxes("mean", axes);
            f.count = 1;
            for (int a : f.axes) f.count *= f.inShape[a];
            return f.output(x.data().mean(keepDims, f.axes), x);
        }

        @Override
        public Tensor[] backward(Tensor g) {
            return new Tensor[] {keepDims(g, inShape, axes).expand(inShape).mul(1.0 / count)};
        }
    }

    /** The gradient is shared equally among tied maxima, as PyTorch's amax does. */
    public static final class Max extends Function {
        private int[] axes;

        public static Var apply(Var x, int[] axes, boolean keepDims) {
            Max f = new Max();
            f.axes = x.data().normaliseAxes("max", axes);
            Tensor m = x.data().max(true, f.axes);
            f.save(x.data(), m);
            Tensor out = keepDims ? m : m.reshape(x.data().max(false, f.axes).shape());
            return f.output(out, x);
        }

        @Override
        public Tensor[] backward(Tensor g) {
            Tensor x = saved(0), m = saved(1);
            Tensor mask = x.binary(BinaryOp.EQ, m);
            Tensor ties = mask.sum(true, axes);
            return new Tensor[] {mask.div(ties).mul(g.reshape(m.shape()))};
        }
    }
}
