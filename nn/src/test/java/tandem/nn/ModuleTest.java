package tandem.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tandem.autograd.Var;
import tandem.nn.layers.BatchNorm;
import tandem.nn.layers.Conv;
import tandem.nn.layers.Linear;
import tandem.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModuleTest {
    @Test void namesFollowPyTorchStateDict() {
        Sequential net = new Sequential(Conv.conv1d(2, 4, 3, 1, 1), new BatchNorm(4), new Linear(4, 2));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "2.weight", "2.bias"),
                new ArrayList<>(net.stateDict().keySet()));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "2.weight", "2.bias"), new ArrayList<>(net.namedParameters().keySet()));
        assertEquals(4 * 2 * 3 + 4 + 4 + 4 + 2 * 4 + 2, net.parameterCount());
    }

    @Test void loadStateDictCopiesAndReportsEveryMismatchByName() {
        Seeds.set(1);
        Sequential a = new Sequential(new Linear(3, 2), new BatchNorm(2));
        Seeds.set(2);
        Sequential b = new Sequential(new Linear(3, 2), new BatchNorm(2));
        b.loadStateDict(a.stateDict(), true);
        for (var e : a.stateDict().entrySet()) {
            assertArrayEquals(e.getValue().toFloatArray(), b.stateDict().get(e.getKey()).toFloatArray(), 0f, e.getKey());
        }
        Map<String, Tensor> bad = new LinkedHashMap<>(a.stateDict());
        bad.remove("0.bias");
        bad.put("0.weight", Tensor.zeros(2, 4));
        bad.put("extra", Tensor.zeros(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.loadStateDict(bad, true));
        String m = e.getMessage();
        assertTrue(m.contains("missing tensor '0.bias'") && m.contains("'0.weight' has shape [2, 4]") && m.contains("unexpected tensor 'extra'"), m);
    }

    @Test void tapsReachObserversWithDottedPaths() {
        class Tapper extends Module implements Layer {
            @Override public Var forward(Var x) { return tap("seen", x.mul(2)); }
        }
        Sequential net = new Sequential(new Linear(2, 2), new Tapper());
        List<String> paths = new ArrayList<>();
        net.observe((path, v) -> paths.add(path + ":" + Arrays.toString(v.shape())));
        net.forward(Var.constant(Tensor.zeros(3, 2)));
        assertEquals(List.of("1.seen:[3, 2]"), paths);
    }

    @Test void linearComputesXWtPlusB() {
        Linear l = new Linear(2, 3);
        l.loadStateDict(Map.of("weight", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2), "bias", Tensor.of(new float[] {1, 0, -1}, 3)), true);
        float[] y = l.forward(Var.constant(Tensor.of(new float[] {1, 1, 2, 0}, 2, 2))).data().toFloatArray();
        assertArrayEquals(new float[] {4, 7, 10, 3, 6, 9}, y, 1e-6f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.forward(Var.constant(Tensor.zeros(2, 5))));
        assertTrue(e.getMessage().contains("Linear(2 -> 3)") && e.getMessage().contains("[2, 5]"), e.getMessage());
    }

    @Test void batchNormUpdatesRunningStatsInTrainingAndUsesThemInEval() {
        BatchNorm bn = new BatchNorm(1);
        Var x = Var.constant(Tensor.of(new float[] {1, 2, 3, 4}, 4, 1));
        float[] y = bn.forward(x).data().toFloatArray();
        // batch mean 2.5, biased var 1.25
        assertEquals((1 - 2.5) / Math.sqrt(1.25 + 1e-5), y[0], 1e-5);
        assertEquals(0.25, bn.stateDict().get("running_mean").item(), 1e-6);             // 0.9*0 + 0.1*2.5
        assertEquals(0.9 + 0.1 * (5.0 / 3), bn.stateDict().get("running_var").item(), 1e-6); // unbiased var 5/3
        bn.eval();
        float[] e = bn.forward(x).data().toFloatArray();
        assertEquals((1 - 0.25) / Math.sqrt(0.9 + 0.1 * 5.0 / 3 + 1e-5), e[0], 1e-5);
    }
}
