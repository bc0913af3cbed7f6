package tandem.autograd.ops;

import tandem.autograd.Function;
import tandem.autograd.Var;
import tandem.tensor.BinaryOp;
import tandem.tensor.Tensor;
import tandem.tensor.UnaryOp;

/** Elementwise functions of one input. */
public final class Unary {
    private Unary() {}

    /** exp, log, sqrt, relu, sigmoid, tanh: each derivative written from the input or the output, whichever is cheaper. */
    public static final class Elementwise extends Function {
        private UnaryOp op;

        public static Var apply(Var x, UnaryOp op) {
            Elementwise f = new Elementwise();
            f.op = op;
            Tensor y = x.data().unary(op);
            f.save(x.data(), y);
            return f.output(y, x);
        }

        @Override
        public Tensor[] backward(Tensor g) {
            Tensor x = saved(0), y = saved(1);
            Tensor local = switch (op) {
                case EXP -> y;                                                  // e^x
                case LOG -> x.unary(UnaryOp.RECIPROCAL);                        // 1/x
                case SQRT -> y.unary(UnaryOp.RECIPROCAL).mul(0.5);              // 1/(2 sqrt x)
                case RELU -> x.binary(BinaryOp.GT, Tensor.zeros(x.dtype(), x.device()));           // 1[x > 0], 0 made on x's device
                case SIGMOID -> y.mul(y.mul(-1).add(1));                        // s(1-s)
                case TANH -> y.unary(UnaryOp.SQUARE).mul(-1).add(1);            // 1 - tanh^2
                default -> throw new UnsupportedOperationException("no derivative for unary op " + op);
            };
            return new Tensor[] {g.mul(local)};
        }

        @Override
        public String name() { return op.name().toLowerCase(); }
    }

    public static final class Pow extends Function {
        private double p;

        public static Var apply(Var x, double p) {
            Pow f = new Pow();
            f.p = p;
            f.save(x.data());
            return f.output(x.data().unary(UnaryOp.POW, p), x);
        }

        // d(x^p)/dx = p x^(p-1)
        @Override
        public Tensor[] backward(Tensor g) {
            return new Tensor[] {g.mul(saved(0).unary(UnaryOp.POW, p - 1).mul(p))};
        }
    }

    public static final class AddScalar extends Function {
        public static Var apply(Var x, double s) {
            return new AddScalar().output(x.data().add(s), x);
        }

        @Override
        public Tensor[] backward(Tensor g) { return new Tensor[] {g}; }
    }

    public static final class MulScalar extends Function {
        private double s;

        public static Var apply(Var x, double s) {
            MulScalar f = new MulScalar();
            f.s = s;
            return f.output(x.data().mul(s), x);
        }

        @Override
        public Tensor[] backward(Tensor g) { return new Tensor[] {g.mul(s)}; }
    }
}
