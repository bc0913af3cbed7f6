package tandem.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import tandem.autograd.Var;
import tandem.tensor.Device;
import tandem.tensor.Shape;
import tandem.tensor.Tensor;
import tandem.tensor.profile.Profiler;

/**
 * A tree of parameters, buffers and child modules, named like a PyTorch {@code state_dict}
 * ({@code layer1.0.conv1.weight}). Parameters are {@link Var} leaves updated in place by optimizers; buffers are
 * tensors such as batch-norm running statistics. {@link #tap} lets a module publish an intermediate value
 * (an attention map, a class map) to observers without changing what it computes.
 */
public abstract class Module {
    private final Map<String, Var> params = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final List<BiConsumer<String, Var>> observers = new ArrayList<>();
    private boolean training = true;
    private Module parent;
    private String nameInParent = "";

    protected final Var param(String name, Tensor init) {
        checkName(name);
        Var v = Var.param(init).named(name);
        params.put(name, v);
        return v;
    }

    protected final Tensor buffer(String name, Tensor init) {
        checkName(name);
        buffers.put(name, init);
        return init;
    }

    /** The current value of a buffer (it is replaced when the module moves to another device). */
    protected final Tensor bufferValue(String name) {
        Tensor t = buffers.get(name);
        if (t == null) throw new IllegalArgumentException(getClass().getSimpleName() + ": no buffer '" + name + "'");
        return t;
    }

    protected final <M extends Module> M child(String name, M module) {
        checkName(name);
        children.put(name, module);
        Module m = module;
        m.parent = this;
        m.nameInParent = name;
        return module;
    }

    /** The dotted path from the root of this module's tree, as in the state dict ({@code video.layer3.0.conv2}); "" for the root. */
    public final String path() {
        if (parent == null) return "";
        String up = parent.path();
        return up.isEmpty() ? nameInParent : up + "." + nameInParent;
    }

    /**
     * While a profiler records, attributes the backend ops run until close to this module's {@link #path()}; one
     * check otherwise. The nn layers wrap their forward in it, and {@link Sequential} wraps each child, so ops of a
     * module with its own forward are attributed to it when a Sequential calls it. Wrap a custom forward in
     * {@code try (var s = profileScope()) { ... }} to attribute its own ops exactly wherever it is called from.
     */
    public final Profiler.Scope profileScope() {
        return Profiler.isRecording() ? Profiler.module(path()) : Profiler.Scope.NONE;
    }

    private void checkName(String name) {
        if (name.isEmpty() || name.contains(".") || params.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": bad or duplicate member name '" + name + "'");
        }
    }

    /** Direct children in registration order. */
    public Map<String, Module> children() { return Collections.unmodifiableMap(children); }

    /** Every parameter of the tree by dotted name. */
    public Map<String, Var> namedParameters() {
        Map<String, Var> out = new LinkedHashMap<>();
        collect("", out, null);
        return out;
    }

    public List<Var> parameters() { return new ArrayList<>(namedParameters().values()); }

    public long parameterCount() {
        long n = 0;
        for (Var v : namedParameters().values()) n += v.data().numel();
        return n;
    }

    /** Parameters and buffers by dotted name: what a checkpoint holds. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", null, out);
        return out;
    }

    private void collect(String prefix, Map<String, Var> ps, Map<String, Tensor> state) {
        for (var e : params.entrySet()) {
            if (ps != null) ps.put(prefix + e.getKey(), e.getValue());
            if (state != null) state.put(prefix + e.getKey(), e.getValue().data());
        }
        if (state != null) for (var e : buffers.entrySet()) state.put(prefix + e.getKey(), e.getValue());
        for (var e : children.entrySet()) e.getValue().collect(prefix + e.getKey() + ".", ps, state);
    }

    /**
     * Copies tensors into this module's parameters and buffers in place. Every mismatch is reported at once, by name:
     * missing tensors, unexpected ones (when strict), and shape or dtype differences.
     */
    public void loadStateDict(Map<String, Tensor> source, boolean strict) {
        Map<String, Tensor> own = stateDict();
        List<String> problems = new ArrayList<>();
        for (var e : own.entrySet()) {
            Tensor src = source.get(e.getKey());
            if (src == null) {
                problems.add("missing tensor '" + e.getKey() + "' (expected shape " + Shape.str(e.getValue().shape()) + ")");
            } else if (!Arrays.equals(src.shape(), e.getValue().shape())) {
                problems.add("tensor '" + e.getKey() + "' has shape " + Shape.str(src.shape()) + ", model expects " + Shape.str(e.getValue().shape()));
            } else if (src.dtype() != e.getValue().dtype()) {
                problems.add("tensor '" + e.getKey() + "' is " + src.dtype() + ", model expects " + e.getValue().dtype());
            }
        }
        if (strict) {
            for (String k : source.keySet()) if (!own.containsKey(k)) problems.add("unexpected tensor '" + k + "'");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("state dict does not match " + getClass().getSimpleName() + ": " + String.join("; ", problems));
        }
        for (var e : own.entrySet()) {
            Tensor dst = e.getValue();
            dst.backend().assign(dst, source.get(e.getKey()).to(dst.device()));
        }
    }

    /** Moves every parameter and buffer to {@code device}, in place of the old ones. */
    public void to(Device device) {
        for (Var v : params.values()) if (!v.device().equals(device)) v.replaceData(v.data().to(device));
        buffers.replaceAll((k, t) -> t.to(device));
        for (Module c : children.values()) c.to(device);
    }

    /** Converts every parameter and buffer to {@code dtype} (F64 for gradient checks). */
    public void to(tandem.tensor.DType dtype) {
        for (Var v : params.values()) if (v.dtype() != dtype) v.replaceData(v.data().to(dtype));
        buffers.replaceAll((k, t) -> t.to(dtype));
        for (Module c : children.values()) c.to(dtype);
    }

    public void train(boolean on) {
        training = on;
        for (Module c : children.values()) c.train(on);
    }

    public void eval() { train(false); }

    public boolean isTraining() { return training; }

    public void zeroGrad() {
        for (Var v : namedParameters().values()) v.zeroGrad();
    }

    // ---- taps -----------------------------------------------------------------------------------------------
    /** Calls {@code observer(path, value)} for every value tapped by this module or its descendants. */
    public void observe(BiConsumer<String, Var> observer) {
        observeWithPrefix("", observer);
    }

    private void observeWithPrefix(String prefix, BiConsumer<String, Var> observer) {
        observers.add((tag, v) -> observer.accept(prefix + tag, v));
        for (var e : children.entrySet()) e.getValue().observeWithPrefix(prefix + e.getKey() + ".", observer);
    }

    public void clearObservers() {
        observers.clear();
        for (Module c : children.values()) c.clearObservers();
    }

    /** True when someone observes this module's taps: lets a module skip work done only for observers. */
    protected final boolean isObserved() { return !observers.isEmpty(); }

    /** Publishes an intermediate value under {@code tag}; returns it unchanged. */
    protected final Var tap(String tag, Var value) {
        for (BiConsumer<String, Var> o : observers) o.accept(tag, value);
        return value;
    }
}
