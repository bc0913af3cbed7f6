package tandem.tensor.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tandem.tensor.BinaryOp;
import tandem.tensor.ConvSpec;
import tandem.tensor.Device;
import tandem.tensor.Shape;
import tandem.tensor.Tensor;
import tandem.tensor.UnaryOp;
import tandem.tensor.backend.Backend;

/**
 * The recording decorator on a stand-in backend whose ops return zero tensors of the right shape: names, context
 * tags, FLOPs and bytes, nesting, and the hooks doing nothing when no profiler records. The real backends are
 * profiled in nn's and emotion's tests.
 */
class ProfilingBackendTest {
    /** The decorated backend, so the stand-in can make a nested call through it as a kernel calling contiguous() does. */
    private final AtomicReference<Backend> decorated = new AtomicReference<>();
    private final Backend standIn = (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "device" -> Device.CPU;
                case "copy" -> zeros(((Tensor) args[0]).shape());
                case "unary" -> {
                    decorated.get().copy((Tensor) args[1]);          // nested: part of the unary's time
                    yield zeros(((Tensor) args[1]).shape());
                }
                case "binary" -> zeros(Shape.broadcast("binary", ((Tensor) args[1]).shape(), ((Tensor) args[2]).shape()));
                case "matmul" -> zeros(((Tensor) args[0]).size(0), ((Tensor) args[1]).size(1));
                case "convForward" -> zeros(2, 8, 10);
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private static Tensor zeros(int... shape) { return Tensor.of(new float[(int) Shape.numel(shape)], shape); }

    private Profiler profiler;

    private Backend start() {
        profiler = Profiler.start();
        decorated.set(ProfilingBackend.wrap(profiler, standIn));
        return decorated.get();
    }

    @AfterEach
    void stop() {
        if (profiler != null) profiler.stop();
    }

    @Test
    void recordsNamesCallsFlopsAndBytes() {
        Backend b = start();
        Tensor a = zeros(4, 3), w = zeros(3, 5);
        b.matmul(a, w);
        b.matmul(a, w);
        b.binary(BinaryOp.MUL, a, zeros(1, 3));               // broadcast operand: its 3 elements count once
        b.convForward(zeros(2, 4, 12), zeros(8, 2, 3), ConvSpec.of(1, 1, 0, 1, 2));
        Profile p = profiler.stop();

        Map<String, OpSummary> ops = byName(p.byOp());
        assertEquals(2, ops.get("matmul").calls());
        assertEquals(2 * (2.0 * 4 * 5 * 3), ops.get("matmul").flops(), "2 M N K per call");
        assertEquals(2 * 4.0 * (12 + 15 + 20), ops.get("matmul").bytes(), "a, b and c once each, F32");
        assertEquals(12, ops.get("binary.mul").flops());
        assertEquals(4.0 * (12 + 3 + 12), ops.get("binary.mul").bytes());
        // y (2, 8, 10) from w (8, 2, 3): every output is a dot product of 2 x 3 terms
        assertEquals(2.0 * 2 * 8 * 10 * 6, ops.get("convForward").flops());
        assertEquals(4, p.ops());
        assertFalse(p.hasRegions());
    }

    @Test
    void aCallInsideAnotherIsPartOfItAndNotRecordedTwice() {
        Backend b = start();
        b.unary(UnaryOp.RELU, zeros(6), 0);
        b.copy(zeros(6));
        Map<String, OpSummary> ops = byName(profiler.stop().byOp());
        assertEquals(1, ops.get("unary.relu").calls());
        assertEquals(1, ops.get("copy").calls(), "only the top-level copy; the one inside unary is its time");
        assertEquals(0, ops.get("copy").flops());
    }

    @Test
    void phaseModuleFunctionAndRegionTagEachOp() {
        Backend b = start();
        try (Profiler.Scope step = Profiler.region("step")) {
            try (Profiler.Scope m = Profiler.module("video.layer1.0")) {
                try (Profiler.Scope conv = Profiler.module("video.layer1.0.conv1")) {
                    b.copy(zeros(2));
                }
                b.copy(zeros(3));                               // after conv1 returns: its parent's op
            }
            try (Profiler.Scope bw = Profiler.phase(Phase.BACKWARD); Profiler.Scope f = Profiler.function("Conv", "video.layer1.0.conv1")) {
                b.copy(zeros(4));
            }
        }
        b.copy(zeros(5));                                       // outside the region: not in the tables
        Profile p = profiler.stop();

        assertEquals(Map.of("step", 1L), p.regions());
        assertEquals(3, p.byOp().get(0).calls());
        assertEquals(1, p.outsideRegions().calls());
        Map<String, OpSummary> modules = byName(p.byModule());
        assertEquals(2, modules.get("video.layer1.0.conv1").calls(), "forward and backward of conv1");
        assertEquals(1, modules.get("video.layer1.0").calls());
        assertEquals(2, p.byPhase().get(Phase.FORWARD).calls());
        assertEquals(1, p.byPhase().get(Phase.BACKWARD).calls());
        assertTrue(p.coverage() > 0 && p.coverage() <= 1, "ops inside a region take part of its time: " + p.coverage());

        List<OpEvent> events = p.tracks().get(0).events();
        OpEvent backward = events.get(2);
        assertEquals(Phase.BACKWARD, backward.phase());
        assertEquals("Conv", backward.function());
        assertEquals("video.layer1.0.conv1", backward.module());
        assertEquals("", events.get(3).module(), "contexts are restored when their scopes close");
    }

    @Test
    void afterAModuleReturnsItsOpsGoToItsParentUnlessAnOpenModuleDisagrees() {
        start();
        try (Profiler.Scope stage = Profiler.module("video.layer3")) {
            assertEquals("video.layer3", Profiler.currentModule());
        }
        assertEquals("video", Profiler.currentModule(), "the caller, which did not mark itself");
        try (Profiler.Scope q = Profiler.module("fusion.mid.query")) {
            assertEquals("fusion.mid.query", Profiler.currentModule());
        }
        assertEquals("fusion.mid", Profiler.currentModule(), "no open module: the parent, not the stale 'video'");
        try (Profiler.Scope block = Profiler.module("video.layer1.0")) {
            try (Profiler.Scope foreign = Profiler.module("head.fc")) {
                assertEquals("head.fc", Profiler.currentModule());
            }
            assertEquals("video.layer1.0", Profiler.currentModule(), "a module called from outside its tree returns to the open one");
        }
    }

    @Test
    void withoutARecordingEveryHookIsANoOp() {
        assertFalse(Profiler.isRecording());
        assertSame(Profiler.Scope.NONE, Profiler.region("x"));
        assertSame(Profiler.Scope.NONE, Profiler.phase(Phase.BACKWARD));
        assertSame(Profiler.Scope.NONE, Profiler.module("a"));
        assertNull(Profiler.currentModule());
        Profiler.deviceKernel(5);                              // ignored
        Backend b = start();
        assertTrue(Profiler.isRecording());
        assertNotNull(Profiler.currentModule());
        assertThrows(IllegalStateException.class, Profiler::start, "one recording at a time");
        profiler.stop();
        assertFalse(Profiler.isRecording());
        b.copy(zeros(2));                                      // a decorator kept past its recording passes through
        assertEquals(0, profiler.stop().ops());
    }

    @Test
    void traceHasEveryFieldOnEveryEvent() {
        Backend b = start();
        try (Profiler.Scope r = Profiler.region("step \"one\"")) {
            b.matmul(zeros(2, 2), zeros(2, 2));
        }
        String trace = profiler.stop().chromeTrace();
        assertTrue(trace.startsWith("{") && trace.strip().endsWith("}"), trace);
        assertTrue(trace.contains("\"name\":\"step \\\"one\\\"\""), "names are escaped: " + trace);
        for (String line : trace.split("\n")) {
            if (!line.startsWith("{\"name\"")) continue;
            for (String field : new String[] {"\"name\":", "\"ph\":", "\"ts\":", "\"dur\":", "\"pid\":", "\"tid\":"}) {
                assertTrue(line.contains(field), field + " missing in " + line);
            }
        }
    }

    @Test
    void boundSplitsAtTheBalancePoint() {
        Ceilings c = new Ceilings(100, "test", 10, "test");
        assertEquals(10, c.balance());
        assertEquals("compute", new OpSummary("x", 1, 1000, -1, 0, 0, 2000, 100).bound(c));
        assertEquals("memory", new OpSummary("x", 1, 1000, -1, 0, 0, 100, 100).bound(c));
        assertEquals("memory", new OpSummary("copy", 1, 1000, -1, 0, 0, 0, 100).bound(c), "no FLOPs: only moves bytes");
        assertEquals("-", new OpSummary("fused", 1, 1000, -1, 0, 0, Double.NaN, 100).bound(c), "unknown FLOPs: no guess");
        assertEquals(50, c.attainable(5));
        assertEquals(100, c.attainable(50));
    }

    @Test
    void triadMovesMemory() {
        double gbs = MemoryBandwidth.triad(2, 1 << 16, 2);
        assertTrue(gbs > 0 && Double.isFinite(gbs), "GB/s: " + gbs);
        assertThrows(IllegalArgumentException.class, () -> MemoryBandwidth.triad(0));
    }

    private static Map<String, OpSummary> byName(List<OpSummary> rows) {
        Map<String, OpSummary> m = new java.util.HashMap<>();
        for (OpSummary s : rows) m.put(s.name(), s);
        return m;
    }
}
