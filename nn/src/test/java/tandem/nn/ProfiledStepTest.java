package tandem.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tandem.autograd.Var;
import tandem.nn.layers.Activation;
import tandem.nn.layers.AdaptiveAvgPool;
import tandem.nn.layers.BatchNorm;
import tandem.nn.layers.Conv;
import tandem.nn.layers.Linear;
import tandem.nn.loss.CrossEntropyLoss;
import tandem.nn.optim.Adam;
import tandem.tensor.Device;
import tandem.tensor.backend.Backends;
import tandem.tensor.profile.OpSummary;
import tandem.tensor.profile.Phase;
import tandem.tensor.profile.Profile;
import tandem.tensor.profile.Profiler;

/** Training steps of a small named net under the profiler, on the real CPU backend: what each op is tagged with. */
class ProfiledStepTest {
    /** body: conv, batch norm, relu (a Sequential); then global pooling and a linear head. */
    static final class Net extends Module {
        final Sequential body = child("body", new Sequential(Conv.conv1d(1, 4, 3, 1, 1), new BatchNorm(4), Activation.relu()));
        final AdaptiveAvgPool pool = child("pool", AdaptiveAvgPool.global(1));
        final Linear head = child("head", new Linear(4, 3));

        Var forward(Var x) { return head.forward(pool.forward(body.forward(x)).flatten(1)); }
    }

    private static Profile profileSteps(int steps) {
        Seeds.set(3);
        Net net = new Net();
        Adam adam = new Adam(net.parameters(), 1e-2);
        TinyTask task = new TinyTask(8, 32, 1);
        Var x = Var.constant(task.x);
        try (Profiler p = Profiler.start()) {
            for (int i = 0; i < steps; i++) TrainStep.run(adam, () -> CrossEntropyLoss.apply(net.forward(x), task.labels));
            return p.stop();
        }
    }

    @Test
    void theBackendIsDecoratedOnlyWhileRecording() {
        assertFalse(Proxy.isProxyClass(Backends.get(Device.CPU).getClass()));
        try (Profiler p = Profiler.start()) {
            assertTrue(Proxy.isProxyClass(Backends.get(Device.CPU).getClass()));
        }
        assertFalse(Proxy.isProxyClass(Backends.get(Device.CPU).getClass()));
    }

    @Test
    void everyStepIsARegionAndItsOpsAreCountedWithTheirWork() {
        Profile p = profileSteps(3);
        assertEquals(Map.of(TrainStep.REGION, 3L), p.regions());
        Map<String, OpSummary> ops = new HashMap<>();
        for (OpSummary s : p.byOp()) ops.put(s.name(), s);
        // x (8, 1, 32) through conv1d 1 -> 4, kernel 3, padding 1: y (8, 4, 32), each output a dot product of 3 terms
        assertEquals(3, ops.get("convForward").calls());
        assertEquals(3 * 2.0 * 8 * 4 * 32 * 3, ops.get("convForward").flops());
        assertEquals(3, ops.get("convBackwardWeight").calls());
        assertFalse(ops.containsKey("convBackwardData"), "the input needs no gradient");
        assertTrue(p.coverage() > 0 && p.coverage() <= 1, "coverage " + p.coverage());
        // the table is sorted by total time
        List<OpSummary> rows = p.byOp();
        for (int i = 1; i < rows.size(); i++) assertTrue(rows.get(i - 1).wallNanos() >= rows.get(i).wallNanos());
        Map<Phase, OpSummary> phases = p.byPhase();
        assertTrue(phases.keySet().containsAll(List.of(Phase.FORWARD, Phase.BACKWARD, Phase.OPTIMIZER)), phases.toString());
    }

    @Test
    void opsCarryTheirModulePathPhaseAndFunctionIntoTheTrace() {
        JsonObject trace = JsonParser.parseString(profileSteps(1).chromeTrace()).getAsJsonObject();
        Set<String> seen = new HashSet<>();
        for (JsonElement e : trace.getAsJsonArray("traceEvents")) {
            JsonObject ev = e.getAsJsonObject();
            for (String field : List.of("name", "ph", "ts", "dur", "pid", "tid")) assertTrue(ev.has(field), field + " missing: " + ev);
            if (!ev.get("ph").getAsString().equals("X") || ev.get("cat").getAsString().equals("region")) continue;
            JsonObject args = ev.getAsJsonObject("args");
            String function = args.has("function") ? args.get("function").getAsString() : "";
            seen.add(ev.get("name").getAsString() + " " + ev.get("cat").getAsString() + " " + args.get("module").getAsString() + " " + function);
        }
        assertTrue(seen.contains("convForward forward body.0 "), seen.toString());
        assertTrue(seen.contains("convBackwardWeight backward body.0 conv1d"), "tagged with the autograd function: " + seen);
        assertTrue(seen.contains("batchNormForward forward body.1 "), seen.toString());
        assertTrue(seen.contains("matmul forward head "), seen.toString());
        assertTrue(seen.stream().anyMatch(s -> s.startsWith("unary.relu forward body.2")), seen.toString());
        assertTrue(seen.stream().anyMatch(s -> s.contains(" optimizer  ")), "optimizer ops sit outside modules: " + seen);
    }

    @Test
    void modulePathsFollowTheStateDict() {
        Net net = new Net();
        assertEquals("", net.path());
        assertEquals("body.0", ((Module) net.body.layers().get(0)).path());
        assertEquals("head", net.head.path());
        assertTrue(net.stateDict().containsKey(net.head.path() + ".weight"));
    }
}
