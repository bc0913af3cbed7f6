package tandem.nn.optim;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tandem.autograd.Var;
import tandem.tensor.Tensor;
import tandem.tensor.memory.MemoryScope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Optimizer state is born once outside any scope and updated in place, so scoped steps never lose it. */
class InPlaceStateTest {
    private static Var param() { return Var.param(Tensor.of(new float[] {1, -2, 3}, 3)); }

    /** Steps with gradients made inside a scope each time; a state tensor born in a scope would be closed by the next step. */
    private static void scopedSteps(Optimizer opt, Var p, int n) {
        for (int i = 0; i < n; i++) {
            try (MemoryScope scope = MemoryScope.open()) {
                p.setGrad(Tensor.of(new float[] {0.5f * i, -1, 0.25f}, 3));
                opt.step();
                p.zeroGrad();
            }
        }
    }

    private static void plainSteps(Optimizer opt, Var p, int n) {
        for (int i = 0; i < n; i++) {
            p.setGrad(Tensor.of(new float[] {0.5f * i, -1, 0.25f}, 3));
            opt.step();
        }
    }

    @Test void adamAndSgdStateSurviveScopedStepsWithIdenticalResults() {
        Var a = param(), b = param(), c = param(), d = param();
        scopedSteps(new Adam(List.of(a), 0.1), a, 4);
        plainSteps(new Adam(List.of(b), 0.1), b, 4);
        assertArrayEquals(b.data().toFloatArray(), a.data().toFloatArray(), 0f);
        scopedSteps(new Sgd(List.of(c), 0.1, 0.9, 0.1, 0.01, false), c, 4);
        plainSteps(new Sgd(List.of(d), 0.1, 0.9, 0.1, 0.01, false), d, 4);
        assertArrayEquals(d.data().toFloatArray(), c.data().toFloatArray(), 0f);
    }

    @Test void stateDictIsASnapshotAndLoadingCopies() {
        Var p = param();
        Adam opt = new Adam(List.of(p), 0.1);
        plainSteps(opt, p, 2);
        Map<String, Tensor> saved = opt.stateDict();
        float[] m = saved.get("0.exp_avg").toFloatArray();
        plainSteps(opt, p, 1);
        assertArrayEquals(m, saved.get("0.exp_avg").toFloatArray(), 0f, "later steps do not change a saved state");

        Var q = param();
        Adam other = new Adam(List.of(q), 0.1);
        other.loadStateDict(saved);
        plainSteps(other, q, 1);
        assertArrayEquals(m, saved.get("0.exp_avg").toFloatArray(), 0f, "the loaded optimizer updates its own copy");
        assertEquals(3, other.steps());
    }
}
