package tandem.autograd.ops;

import tandem.autograd.Function;
import tandem.autograd.Var;
import tandem.tensor.Tensor;

/** a: (..., M, K) @ b: (..., K, N) -> (..., M, N), batch dims broadcast. */
public final class MatMul extends Function {
    public static Var apply(Var a, Var b) {
        MatMul f = new MatMul();
        f.save(a.data(), b.data());
        return f.output(a.data().matmul(b.data()), a, b);
    }

    // da = g @ b^T, db = a^T @ g, each summed over broadcast batch dims
    @Override
    public Tensor[] backward(Tensor g) {
        Tensor a = saved(0), b = saved(1);
        return new Tensor[] {
            needsGrad(0) ? Broadcast.unbroadcast(g.matmul(b.transpose(-1, -2)), a.shape()) : null,
            needsGrad(1) ? Broadcast.unbroadcast(a.transpose(-1, -2).matmul(g), b.shape()) : null};
    }
}
