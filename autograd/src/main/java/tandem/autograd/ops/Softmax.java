package tandem.autograd.ops;

import tandem.autograd.Function;
import tandem.autograd.Var;
import tandem.tensor.Shape;
import tandem.tensor.Tensor;

/** softmax or log-softmax along one axis; backward from the saved output. */
public final class Softmax extends Function {
    private int axis;
    private boolean log;

    public static Var apply(Var x, int axis, boolean log) {
        Softmax f = new Softmax();
        f.axis = Shape.axis(log ? "log_softmax" : "softmax", axis, x.dim());
        f.log = log;
        Tensor y = x.data().backend().softmax(x.data(), f.axis, log);
        f.save(y);
        return f.output(y, x);
    }

    @Override
    public Tensor[] backward(Tensor dy) {
        return new Tensor[] {saved(0).backend().softmaxBackward(saved(0), dy, axis, log)};
    }

    @Override
    public String name() { return log ? "log_softmax" : "softmax"; }
}
