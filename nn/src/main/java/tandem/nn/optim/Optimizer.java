package tandem.nn.optim;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tandem.autograd.GradMode;
import tandem.autograd.Var;
import tandem.tensor.Tensor;
import tandem.tensor.backend.FusedOp;
import tandem.tensor.memory.MemoryScope;
import tandem.tensor.profile.Phase;
import tandem.tensor.profile.Profiler;

/**
 * Updates parameters in place from their gradients. Where the parameter's backend has the optimizer's fused kernel
 * ({@link FusedOp#ADAM_STEP}, {@link FusedOp#SGD_STEP}: the CPU, OpenCL and CUDA backends all do), each parameter
 * tensor is updated by one call of it, so parameters, gradients and state never leave their device; otherwise the
 * update is composed of elementwise tensor ops. State (momentum, moments, step count) is exposed as named
 * tensors so a checkpoint can hold it and a resumed run continues exactly.
 *
 * <p>State tensors are created once, outside any {@link MemoryScope} ({@link #newState}), and from then on updated
 * in place ({@link #overwrite}), so a step run inside a scope ({@code tandem.nn.TrainStep}) allocates nothing that
 * outlives it. {@link #stateDict()} therefore hands out copies, and {@link #loadStateDict} takes copies.
 */
public abstract class Optimizer {
    protected final List<Var> params;
    protected double lr;
    protected long steps;
    private boolean fused = true;

    protected Optimizer(List<Var> params, double lr) {
        if (lr < 0) throw new IllegalArgumentException(getClass().getSimpleName() + ": learning rate must be >= 0, got " + lr);
        this.params = List.copyOf(params);
        this.lr = lr;
    }

    public double lr() { return lr; }

    public void setLr(double lr) { this.lr = lr; }

    public long steps() { return steps; }

    /**
     * Whether to use the backend's fused update where it has one (the default); off, every backend composes the
     * update from elementwise ops, for comparing the two paths.
     */
    public Optimizer useFusedStep(boolean on) {
        fused = on;
        return this;
    }

    /** The parameters this optimizer updates, in order. */
    public List<Var> params() { return params; }

    public void zeroGrad() {
        for (Var p : params) p.zeroGrad();
    }

    /** One update of every parameter that has a gradient. */
    public final void step() {
        steps++;
        try (GradMode off = GradMode.off(); Profiler.Scope phase = Profiler.phase(Phase.OPTIMIZER)) {
            for (int i = 0; i < params.size(); i++) {
                Var p = params.get(i);
                if (p.grad() == null) continue;
                if (fused && p.data().isDense() && p.data().backend().hasFused(fusedOp())) {
                    Tensor grad = p.grad().contiguous();
                    fusedUpdate(i, p.data(), grad);
                    if (grad != p.grad()) grad.close();
                    continue;
                }
                Tensor updated = update(i, p.data(), p.grad());
                p.data().backend().assign(p.data(), updated);
            }
        }
    }

    /** The backend kernel that performs this optimizer's whole update in place, where a backend has it. */
    protected abstract FusedOp fusedOp();

    /**
     * Updates dense parameter {@code i} and its state in place with the backend's fused kernel: one launch on a
     * device, no copy to the host. Runs where the backend has {@link #fusedOp()}; {@link #update} elsewhere.
     */
    protected abstract void fusedUpdate(int i, Tensor param, Tensor denseGrad);

    /** The new value of parameter {@code i} through elementwise ops; may update its own state. */
    protected abstract Tensor update(int i, Tensor param, Tensor grad);

    /** Zero-filled long-lived state shaped like {@code param}, allocated on its device (nothing crosses the bus). */
    protected static Tensor zeroState(Tensor param) {
        return newState(() -> Tensor.zeros(param.dtype(), param.device(), param.shape()));
    }

    /** Long-lived state, allocated outside any open scope so that it survives the step that first needs it. */
    protected static Tensor newState(Supplier<Tensor> initial) {
        return MemoryScope.unscoped(initial);
    }

    /** Writes {@code value} into the state tensor {@code state}; the temporary {@code value} is then released. */
    protected static void overwrite(Tensor state, Tensor value) {
        state.backend().assign(state, value);
        value.close();
    }

    /** Copies of the state tensors by name ("{index}.{slot}") plus "steps". */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("steps", Tensor.of(new double[] {steps}));
        saveState(out);
        return out;
    }

    public void loadStateDict(Map<String, Tensor> state) {
        Tensor s = state.get("steps");
        if (s == null) throw new IllegalArgumentException(getClass().getSimpleName() + ": optimizer state has no 'steps'");
        steps = (long) s.item();
        loadState(state);
    }

    protected abstract void saveState(Map<String, Tensor> out);

    protected abstract void loadState(Map<String, Tensor> in);

    /** Reads a state slot (as a copy of its own), checking shape against the parameter. */
    protected final Tensor slot(Map<String, Tensor> in, int i, String name) {
        Tensor t = in.get(i + "." + name);
        if (t == null) return null;
        if (!Arrays.equals(t.shape(), params.get(i).shape())) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": state '" + i + "." + name + "' has shape "
                    + Arrays.toString(t.shape()) + ", parameter has " + Arrays.toString(params.get(i).shape()));
        }
        return newState(() -> {
            Tensor converted = t.to(params.get(i).dtype()).to(params.get(i).device());
            return converted == t ? t.copy() : converted;
        });
    }
}
