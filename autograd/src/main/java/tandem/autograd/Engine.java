package tandem.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import tandem.tensor.Tensor;
import tandem.tensor.profile.Phase;
import tandem.tensor.profile.Profiler;

/** Reverse-mode differentiation: a topological order of the graph, then one reverse loop that accumulates. */
final class Engine {
    private Engine() {}

    static void backward(Var root, Tensor seed, boolean retainGraph) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward: this value does not require a gradient (no parameter reaches it,"
                    + " or it was computed under GradMode.off())");
        }
        if (!Arrays.equals(seed.shape(), root.shape())) {
            throw new IllegalArgumentException("backward: seed gradient shape " + Arrays.toString(seed.shape())
                    + " differs from the value's shape " + Arrays.toString(root.shape()));
        }
        List<Var> order = topologicalOrder(root);
        Map<Var, Tensor> pending = new IdentityHashMap<>();
        pending.put(root, seed);
        try (Profiler.Scope phase = Profiler.phase(Phase.BACKWARD)) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Var v = order.get(i);
                Tensor g = pending.remove(v);
                if (g == null) continue;
                v.receiveGrad(g);
                Function f = v.creator();
                if (f == null) continue;
                try (Profiler.Scope op = Profiler.isRecording() ? Profiler.function(f.name(), f.module()) : Profiler.Scope.NONE) {
                    propagate(f, g, pending);
                }
                if (!retainGraph) f.release();
            }
        }
    }

    /** Runs {@code f}'s backward and adds each input's gradient to what it has pending. */
    private static void propagate(Function f, Tensor g, Map<Var, Tensor> pending) {
        Tensor[] inGrads = f.backward(g);
        Var[] in = f.inputs();
        for (int k = 0; k < in.length; k++) {
            if (!in[k].requiresGrad() || inGrads[k] == null) continue;
            if (!Arrays.equals(inGrads[k].shape(), in[k].shape())) {
                throw new IllegalStateException(f.name() + ".backward: gradient for input " + k + " has shape "
                        + Arrays.toString(inGrads[k].shape()) + ", input has " + Arrays.toString(in[k].shape()));
            }
            pending.merge(in[k], inGrads[k], Tensor::add);
        }
    }

    /** Vars reachable from root, each after all of its inputs (iterative DFS: deep graphs must not overflow the stack). */
    private static List<Var> topologicalOrder(Var root) {
        List<Var> order = new ArrayList<>();
        Set<Var> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        visited.add(root);
        while (!stack.isEmpty()) {
            Object[] top = stack.peek();
            Var v = (Var) top[0];
            int next = (Integer) top[1];
            Var[] in = v.creator() == null ? new Var[0] : v.creator().inputs();
            if (next < in.length) {
                top[1] = next + 1;
                Var child = in[next];
                if (child.requiresGrad() && visited.add(child)) stack.push(new Object[] {child, 0});
            } else {
                stack.pop();
                order.add(v);
            }
        }
        return order;
    }
}
