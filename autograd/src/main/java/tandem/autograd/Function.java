package tandem.autograd;

import tandem.tensor.Tensor;
import tandem.tensor.profile.Profiler;

/**
 * One differentiable operation in the graph. A subclass computes its forward in a static {@code apply} and keeps,
 * right below it, {@link #backward}: given the gradient of its output, the gradient of each input (or null where
 * an input needs none). Saved tensors go through {@link #save} so the engine can free them after backward.
 */
public abstract class Function {
    private Var[] inputs = new Var[0];
    private Tensor[] saved;
    private Var output;
    /** The nn module that ran the forward, while a profiler records, so its backward ops are attributed to it. */
    private String module;

    /** Gradients with respect to each input, given the gradient of the output; null entries where not needed. */
    public abstract Tensor[] backward(Tensor gradOutput);

    /** Wraps {@code result} as the output of this function applied to {@code in}, recording the graph when needed. */
    protected final Var output(Tensor result, Var... in) {
        boolean track = false;
        if (GradMode.isEnabled()) {
            for (Var v : in) track |= v.requiresGrad();
        }
        if (!track) {
            saved = null;
            return Var.constant(result);
        }
        inputs = in;
        module = Profiler.currentModule();
        output = Var.fromFunction(result, this);
        return output;
    }

    protected final void save(Tensor... tensors) { saved = tensors; }

    protected final Tensor saved(int i) {
        if (saved == null) {
            throw new IllegalStateException(name() + ": backward called a second time after its saved tensors were freed;"
                    + " pass retainGraph=true to the first backward");
        }
        return saved[i];
    }

    /** True when input {@code i} needs a gradient. */
    protected final boolean needsGrad(int i) { return inputs[i].requiresGrad(); }

    final Var[] inputs() { return inputs; }

    final Var output() { return output; }

    final void release() { saved = null; }

    /** The module path recorded at forward time (null unless a profiler was recording). */
    final String module() { return module; }

    public String name() { return getClass().getSimpleName(); }
}
