package tandem.autograd.ops;

import tandem.autograd.Function;
import tandem.autograd.Var;
import tandem.tensor.PoolSpec;
import tandem.tensor.Tensor;

/** Max and average pooling, N-d. x: (B, C, *S). */
public final class Pool {
    private Pool() {}

    public static final class Max extends Function {
        private PoolSpec spec;

        public static Var apply(Var x, PoolSpec spec) {
            Max f = new Max();
            f.spec = spec;
            f.save(x.data());
            return f.output(x.data().backend().maxPoolForward(x.data(), spec), x);
        }

        @Override
        public Tensor[] backward(Tensor dy) {
            return new Tensor[] {saved(0).backend().maxPoolBackward(saved(0), dy, spec)};
        }
    }

    public static final class Avg extends Function {
        private PoolSpec spec;
        private int[] inShape;

        public static Var apply(Var x, PoolSpec spec) {
            Avg f = new Avg();
            f.spec = spec;
            f.inShape = x.shape();
            return f.output(x.data().backend().avgPoolForward(x.data(), spec), x);
        }

        @Override
        public Tensor[] backward(Tensor dy) {
            return new Tensor[] {dy.backend().avgPoolBackward(dy, spec, inShape)};
        }
    }
}
