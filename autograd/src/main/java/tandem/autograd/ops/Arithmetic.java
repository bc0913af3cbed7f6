package tandem.autograd.ops;

import tandem.autograd.Function;
import tandem.autograd.Var;
import tandem.tensor.Tensor;

/** Broadcasting binary arithmetic. Each gradient is summed back to its input's shape. */
public final class Arithmetic {
    private Arithmetic() {}

    public static final class Add extends Function {
        private int[] aShape, bShape;

        public static Var apply(Var a, Var b) {
            Add f = new Add();
            f.aShape = a.shape();
            f.bShape = b.shape();
            return f.output(a.data().add(b.data()), a, b);
        }

        @Override
        public Tensor[] backward(Tensor g) {
            return new Tensor[] {Broadcast.unbroadcast(g, aShape), Broadcast.unbroadcast(g, bShape)};
        }
    }

    public static final class Sub extends Function {
        private int[] aShape, bShape;

        public static Var apply(Var a, Var b) {
            Sub f = new Sub();
            f.aShape = a.shape();
            f.bShape = b.shape();
            return f.output(a.data().sub(b.data()), a, b);
        }

        @Override
        public Tensor[] backward(Tensor g) {
            return new Tensor[] {Broadcast.unbroadcast(g, aShape), needsGrad(1) ? Broadcast.unbroadcast(g.mul(-1), bShape) : null};
        }
    }

    public static final class Mul extends Function {
        public static Var apply(Var a, Var b) {
            Mul f = new Mul();
            f.save(a.data(), b.data());
            return f.output(a.data().mul(b.data()), a, b);
        }

        // d(ab)/da = b, d(ab)/db = a
        @Override
        public Tensor[] backward(Tensor g) {
            Tensor a = saved(0), b = saved(1);
            return new Tensor[] {
                needsGrad(0) ? Broadcast.unbroadcast(g.mul(b), a.shape()) : null,
                needsGrad(1) ? Broadcast.unbroadcast(g.mul(a), b.shape()) : null};
        }
    }

    public static final class Div extends Function {
        public static Var apply(Var a, Var b) {
            Div f = new Div();
            Tensor out = a.data().div(b.data());
            f.save(a.data(), b.data(), out);
            return f.output(out, a, b);
        }

        // d(a/b)/da = 1/b, d(a/b)/db = -(a/b)/b
        @Override
        public Tensor[] backward(Tensor g) {
            Tensor a = saved(0), b = saved(1), out = saved(2);
            return new Tensor[] {
                needsGrad(0) ? Broadcast.unbroadcast(g.div(b), a.shape()) : null,
                needsGrad(1) ? Broadcast.unbroadcast(g.mul(out).div(b).mul(-1), b.shape()) : null};
        }
    }
}
