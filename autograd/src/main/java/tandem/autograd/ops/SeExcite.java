package tandem.autograd.ops;

import tandem.autograd.Function;
import tandem.autograd.Var;
import tandem.tensor.Tensor;
import tandem.tensor.backend.Backend;
import tandem.tensor.backend.FusedOp;
import tandem.tensor.backend.FusedShapes;

/**
 * One squeeze-and-excitation per class from one pooled descriptor: s[b, c] = sigmoid(w2[c] relu(w1[c] z[b] + b1[c])
 * + b2[c]), the gates of the class-map head.
 *
 * <p>Where the backend has the fused kernel ({@link FusedOp#SE_EXCITE}) the backward recomputes the hidden layer from
 * the saved inputs. Elsewhere {@link #composite} builds the same gates from Var ops (batched matmul over classes,
 * relu, sigmoid) and autograd derives the backward from theirs.
 */
public final class SeExcite extends Function {
    // z: (B, N), w1: (C, H, N), b1: (C, H), w2: (C, N, H), b2: (C, N) -> (B, C, N)
    public static Var apply(Var z, Var w1, Var b1, Var w2, Var b2) {
        Backend be = z.data().backend();
        if (!be.hasFused(FusedOp.SE_EXCITE)) return composite(z, w1, b1, w2, b2);
        SeExcite f = new SeExcite();
        Tensor s = be.seExciteForward(z.data(), w1.data(), b1.data(), w2.data(), b2.data());
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

    /** The gates from Var ops: every class's two layers in one batched matmul each, z broadcast over the classes. */
    public static Var composite(Var z, Var w1, Var b1, Var w2, Var b2) {
        FusedShapes.checkSeExcite("se_excite", z.data(), w1.data(), b1.data(), w2.data(), b2.data());
        Var hidden = z.unsqueeze(0).matmul(w1.transpose(1, 2)).add(b1.unsqueeze(1)).relu();   // (C, B, H)
        Var s = hidden.matmul(w2.transpose(1, 2)).add(b2.unsqueeze(1)).sigmoid();              // (C, B, N)
        return s.permute(1, 0, 2);                                                              // (B, C, N)
    }

    @Override
    public String name() { return "se_excite"; }
}
