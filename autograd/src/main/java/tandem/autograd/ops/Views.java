package tandem.autograd.ops;

import tandem.autograd.Function;
import tandem.autograd.Var;
import tandem.tensor.Tensor;

/** Shape changes. Forward is a view when the layout allows; backward maps the gradient back to the input's shape. */
public final class Views {
    private Views() {}

    public static final class Reshape extends Function {
        private int[] inShape;

        public static Var apply(Var x, int[] shape) {
            Reshape f = new Reshape();
            f.inShape = x.shape();
            return f.output(x.data().reshape(shape), x);
        }

        @Override
        public Tensor[] backward(Tensor g) { return new Tensor[] {g.reshape(inShape)}; }
    }

    public static final class Permute extends Function {
        private int[] inverse;

        public static Var apply(Var x, int[] axes) {
            Permute f = new Permute();
            Tensor y = x.data().permute(axes);
            f.inverse = new int[axes.length];
            for (int i = 0; i < axes.length; i++) f.inverse[tandem.tensor.Shape.axis("permute", axes[i], axes.length)] = i;
            return f.output(y, x);
        }

        @Override
        public Tensor[] backward(Tensor g) { return new Tensor[] {g.permute(inverse)}; }
    }

    /** x[..., start:end:step, ...] along one axis; backward scatters into zeros. */
    public static final class Slice extends Function {
        private int[] inShape;
        private int axis, start, end, step;

        public static Var apply(Var x, int axis, int start, int end, int step) {
            Slice f = new Slice();
            f.inShape = x.shape();
            f.axis = tandem.tensor.Shape.axis("slice", axis, f.inShape.length);
            f.start = start;
            f.end = end;
            f.step = step;
            return f.output(x.data().slice(f.axis, start, end, step), x);
        }

        @Override
        public Tensor[] backward(Tensor g) {
            Tensor dx = Tensor.zeros(g.dtype(), g.device(), inShape);
            dx.backend().assign(dx.slice(axis, start, end, step), g);
            return new Tensor[] {dx};
        }
    }

    public static final class Expand extends Function {
        private int[] inShape;

        public static Var apply(Var x, int[] shape) {
            Expand f = new Expand();
            f.inShape = x.shape();
            return f.output(x.data().expand(shape), x);
        }

        @Override
        public Tensor[] backward(Tensor g) { return new Tensor[] {Broadcast.unbroadcast(g, inShape)}; }
    }
}
