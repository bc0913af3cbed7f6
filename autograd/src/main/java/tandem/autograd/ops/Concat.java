package tandem.autograd.ops;

import tandem.autograd.Function;
import tandem.autograd.Var;
import tandem.tensor.Shape;
import tandem.tensor.Tensor;

/** Joins tensors along an axis; backward hands each input its slice of the gradient. */
public final class Concat extends Function {
    private int axis;
    private int[] sizes;

    public static Var apply(int axis, Var... parts) {
        if (parts.length == 0) throw new IllegalArgumentException("cat: no tensors to join");
        Concat f = new Concat();
        int[] first = parts[0].shape();
        f.axis = Shape.axis("cat", axis, first.length);
        f.sizes = new int[parts.length];
        int total = 0;
        for (int i = 0; i < parts.length; i++) {
            int[] s = parts[i].shape();
            boolean ok = s.length == first.length;
            for (int d = 0; ok && d < s.length; d++) ok = d == f.axis || s[d] == first[d];
            if (!ok) {
                throw new IllegalArgumentException("cat: along axis " + f.axis + ", shape " + Shape.str(s) + " does not fit "
                        + Shape.str(first) + " (all other dimensions must match)");
            }
            parts[0].data().requireSameDeviceAndType("cat", parts[i].data());
            f.sizes[i] = s[f.axis];
            total += s[f.axis];
        }
        int[] outShape = first.clone();
        outShape[f.axis] = total;
        Tensor out = Tensor.zeros(parts[0].dtype(), parts[0].device(), outShape);
        int at = 0;
        for (int i = 0; i < parts.length; i++) {
            out.backend().assign(out.narrow(f.axis, at, f.sizes[i]), parts[i].data());
            at += f.sizes[i];
        }
        return f.output(out, parts);
    }

    @Override
    public Tensor[] backward(Tensor g) {
        Tensor[] grads = new Tensor[sizes.length];
        int at = 0;
        for (int i = 0; i < sizes.length; i++) {
            if (needsGrad(i)) grads[i] = g.narrow(axis, at, sizes[i]).contiguous();
            at += sizes[i];
        }
        return grads;
    }
}
