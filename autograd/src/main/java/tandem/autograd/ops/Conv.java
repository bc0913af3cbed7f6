package tandem.autograd.ops;

import tandem.autograd.Function;
import tandem.autograd.Var;
import tandem.tensor.ConvSpec;
import tandem.tensor.Tensor;

/** N-d convolution (1-D, 2-D, 3-D; stride, padding, dilation, groups). x: (B, C, *S), w: (O, C/g, *K). */
public final class Conv extends Function {
    private ConvSpec spec;

    public static Var apply(Var x, Var w, ConvSpec spec) {
        Conv f = new Conv();
        f.spec = spec;
        f.save(x.data(), w.data());
        return f.output(x.data().backend().convForward(x.data(), w.data(), spec), x, w);
    }

    @Override
    public Tensor[] backward(Tensor dy) {
        Tensor x = saved(0), w = saved(1);
        return new Tensor[] {
            needsGrad(0) ? x.backend().convBackwardData(dy, w, spec, x.shape()) : null,
            needsGrad(1) ? x.backend().convBackwardWeight(x, dy, spec, w.shape()) : null};
    }

    @Override
    public String name() { return "conv" + spec.dims() + "d"; }
}
