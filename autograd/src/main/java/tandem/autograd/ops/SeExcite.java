package tandem.autograd.ops;

import tandem.autograd.Function;
import tandem.autograd.Var;
import tandem.tensor.Tensor;

/**
 * One squeeze-and-excitation per class from one pooled descriptor: s[b, c] = sigmoid(w2[c] relu(w1[c] z[b] + b1[c])
 * + b2[c]), the gates of the class-map head. The backward recomputes the hidden layer from the saved inputs.
 */
public final class SeExcite extends Function {
    // z: (B, N), w1: (C, H, N), b1: (C, H), w2: (C, N, H), b2: (C, N) -> (B, C, N)
    public static Var apply(Var z, Var w1, Var b1, Var w2, Var b2) {
        SeExcite f = new SeExcite();
        Tensor s = z.data().backend().seExciteForward(z.data(), w1.data(), b1.data(), w2.data(), b2.data());
        f.save(z.data(), w1.data(), b1.data(), w2.data(), b2.data());
        return f.output(s, z, w1, b1, w2, b2);
    }

    @Override
    public Tensor[] backward(Tensor ds) {
        Tensor z = saved(0);
        Tensor[] g = z.backend().seExciteBackward(z, saved(1), saved(2), saved(3), saved(4), ds);
        for (int i = 0; i < g.length; i++) if (!needsGrad(i)) g[i] = null;
        return g;
    }

    @Override
    public String name() { return "se_excite"; }
}
