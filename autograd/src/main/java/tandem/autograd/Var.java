package tandem.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import tandem.autograd.ops.Arithmetic;
import tandem.autograd.ops.Concat;
import tandem.autograd.ops.Conv;
import tandem.autograd.ops.MatMul;
import tandem.autograd.ops.Pool;
import tandem.autograd.ops.Reductions;
import tandem.autograd.ops.Softmax;
import tandem.autograd.ops.Unary;
import tandem.autograd.ops.Views;
import tandem.tensor.ConvSpec;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.PoolSpec;
import tandem.tensor.Tensor;
import tandem.tensor.UnaryOp;

/**
 * A tensor in a define-by-run graph: its value, and, once {@link #backward()} has run, its gradient.
 * Leaves are {@link #param parameters} (which require gradients) or {@link #constant constants}; every other Var is
 * the output of a {@link Function}. Methods mirror PyTorch's names.
 */
public final class Var {
    private Tensor data;
    private final boolean requiresGrad;
    private final Function creator;
    private Tensor grad;
    private boolean retainGrad;
    private List<Consumer<Tensor>> gradHooks;
    private String name;

    private Var(Tensor data, boolean requiresGrad, Function creator) {
        this.data = data;
        this.requiresGrad = requiresGrad;
        this.creator = creator;
    }

    /** A leaf that takes no gradient. */
    public static Var constant(Tensor data) { return new Var(data, false, null); }

    /** A leaf that accumulates a gradient in {@link #grad()}. */
    public static Var param(Tensor data) { return new Var(data, true, null); }

    static Var fromFunction(Tensor data, Function f) { return new Var(data, true, f); }

    // ---- state ----------------------------------------------------------------------------------------------
    public Tensor data() { return data; }

    /**
     * Points a leaf at new data of the same shape (moving a parameter to another device, loading weights).
     * Graph nodes cannot be re-pointed: their gradients depend on the value they computed.
     */
    public void replaceData(Tensor newData) {
        if (creator != null) throw new IllegalStateException("replaceData: only leaves can be re-pointed, not the output of " + creator.name());
        if (!Arrays.equals(newData.shape(), data.shape())) {
            throw new IllegalArgumentException("replaceData: shape " + Arrays.toString(newData.shape())
                    + " differs from " + Arrays.toString(data.shape()));
        }
        data = newData;
        grad = null;
    }

    /** The accumulated gradient (leaves, and intermediates after {@link #retainGrad()}); null before backward. */
    public Tensor grad() { return grad; }

    public void zeroGrad() { grad = null; }

    /** Replaces the gradient (optimizers and tests). */
    public void setGrad(Tensor g) { grad = g; }

    public boolean requiresGrad() { return requiresGrad; }

    public boolean isLeaf() { return creator == null; }

    /** The operation that produced this value, or null for a leaf. */
    public Function creator() { return creator; }

    public int[] shape() { return data.shape(); }

    public int dim() { return data.dim(); }

    public int size(int axis) { return data.size(axis); }

    public DType dtype() { return data.dtype(); }

    public Device device() { return data.device(); }

    public double item() { return data.item(); }

    public Var named(String n) {
        name = n;
        return this;
    }

    public String name() { return name; }

    /** The same value, cut from the graph. */
    public Var detach() { return constant(data); }

    /** Keeps this intermediate's gradient in {@link #grad()} after backward. */
    public Var retainGrad() {
        retainGrad = true;
        return this;
    }

    /** Calls {@code hook} with this value's full gradient during backward (to capture, not to change it). */
    public Var onGrad(Consumer<Tensor> hook) {
        if (gradHooks == null) gradHooks = new ArrayList<>();
        gradHooks.add(hook);
        return this;
    }

    void receiveGrad(Tensor g) {
        if (gradHooks != null) for (Consumer<Tensor> h : gradHooks) h.accept(g);
        if (creator == null || retainGrad) grad = grad == null ? g : grad.add(g);
    }

    // ---- backward -------------------------------------------------------------------------------------------
    /** Backpropagates from this scalar (gradient 1). */
    public void backward() {
        if (data.numel() != 1) {
            throw new IllegalStateException("backward() needs a scalar output, got shape " + Arrays.toString(shape())
                    + "; pass an explicit gradient");
        }
        backward(Tensor.full(1, dtype(), device(), shape()), false);                    // filled on the device: no upload
    }

    /** Backpropagates {@code seed} (the gradient of some scalar with respect to this value). */
    public void backward(Tensor seed, boolean retainGraph) {
        Engine.backward(this, seed, retainGraph);
    }

    // ---- arithmetic -----------------------------------------------------------------------------------------
    public Var add(Var o) { return Arithmetic.Add.apply(this, o); }

    public Var sub(Var o) { return Arithmetic.Sub.apply(this, o); }

    public Var mul(Var o) { return Arithmetic.Mul.apply(this, o); }

    public Var div(Var o) { return Arithmetic.Div.apply(this, o); }

    public Var add(double s) { return Unary.AddScalar.apply(this, s); }

    public Var mul(double s) { return Unary.MulScalar.apply(this, s); }

    public Var neg() { return mul(-1); }

    public Var pow(double p) { return Unary.Pow.apply(this, p); }

    public Var exp() { return Unary.Elementwise.apply(this, UnaryOp.EXP); }

    public Var log() { return Unary.Elementwise.apply(this, UnaryOp.LOG); }

    public Var sqrt() { return Unary.Elementwise.apply(this, UnaryOp.SQRT); }

    public Var relu() { return Unary.Elementwise.apply(this, UnaryOp.RELU); }

    public Var sigmoid() { return Unary.Elementwise.apply(this, UnaryOp.SIGMOID); }

    public Var tanh() { return Unary.Elementwise.apply(this, UnaryOp.TANH); }

    public Var matmul(Var o) { return MatMul.apply(this, o); }

    // ---- reductions -----------------------------------------------------------------------------------------
    public Var sum() { return Reductions.Sum.apply(this, data.allAxes(), false); }

    public Var sum(boolean keepDims, int... axes) { return Reductions.Sum.apply(this, axes, keepDims); }

    public Var mean() { return Reductions.Mean.apply(this, data.allAxes(), false); }

    public Var mean(boolean keepDims, int... axes) { return Reductions.Mean.apply(this, axes, keepDims); }

    public Var max(boolean keepDims, int... axes) { return Reductions.Max.apply(this, axes, keepDims); }

    // ---- views ----------------------------------------------------------------------------------------------
    public Var reshape(int... shape) { return Views.Reshape.apply(this, shape); }

    public Var flatten(int fromAxis) {
        int[] s = shape();
        int a = tandem.tensor.Shape.axis("flatten", fromAxis, s.length);
        int[] out = Arrays.copyOf(s, a + 1);
        out[a] = -1;
        return reshape(out);
    }

    public Var permute(int... axes) { return Views.Permute.apply(this, axes); }

    public Var transpose(int a, int b) {
        int[] p = data.allAxes();
        a = tandem.tensor.Shape.axis("transpose", a, p.length);
        b = tandem.tensor.Shape.axis("transpose", b, p.length);
        p[a] = b;
        p[b] = a;
        return permute(p);
    }

    public Var narrow(int axis, int start, int length) { return Views.Slice.apply(this, axis, start, start + length, 1); }

    public Var slice(int axis, int start, int end, int step) { return Views.Slice.apply(this, axis, start, end, step); }

    public Var expand(int... shape) { return Views.Expand.apply(this, shape); }

    public Var unsqueeze(int axis) {
        return reshape(data.unsqueeze(axis).shape());
    }

    public Var squeeze(int axis) {
        return reshape(data.squeeze(axis).shape());
    }

    public static Var cat(int axis, Var... parts) { return Concat.apply(axis, parts); }

    // ---- neural-network primitives --------------------------------------------------------------------------
    /** x: (B, C, *S), w: (O, C/g, *K) -> (B, O, *S'). */
    public Var conv(Var w, ConvSpec spec) { return Conv.apply(this, w, spec); }

    public Var maxPool(PoolSpec spec) { return Pool.Max.apply(this, spec); }

    public Var avgPool(PoolSpec spec) { return Pool.Avg.apply(this, spec); }

    public Var softmax(int axis) { return Softmax.apply(this, axis, false); }

    public Var logSoftmax(int axis) { return Softmax.apply(this, axis, true); }

    @Override
    public String toString() {
        return "Var(" + (name != null ? name + ", " : "") + data + (requiresGrad ? ", requiresGrad" : "") + ")";
    }
}
