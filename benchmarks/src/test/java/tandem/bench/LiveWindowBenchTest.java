package tandem.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The live-window rows: the ops --op live-window selects, a window that really runs, and the 95th percentile in the rows. */
class LiveWindowBenchTest {
    @Test
    void liveWindowSelectsEveryPresetAndTheFullTableLeavesTheSlowOneOut() {
        assertEquals(List.of("live-window-tiny", "live-window-small", "live-window-ravdess"), BenchOps.select("live-window", false));
        assertEquals(List.of("live-window-small"), BenchOps.select("live-window-small", false));
        assertTrue(BenchOps.FULL_TABLE.contains("live-window-tiny") && !BenchOps.FULL_TABLE.contains("live-window-ravdess"));
        assertEquals(List.of("window"), BenchOps.passes("live-window-tiny"));
        assertEquals(Timing.LATENCY, BenchOps.timing("live-window-tiny"));
        assertThrows(IllegalArgumentException.class, () -> LiveWindowWorkload.create("huge"));
    }

    @Test
    void aTinyWindowRunsEndToEndToAProbability() {
        Workload w = LiveWindowWorkload.create("tiny");
        float p = w.run();
        assertTrue(p > 0 && p < 1, "p(anger) of a noise window: " + p);
        assertTrue(Double.isNaN(w.flops()));
    }

    @Test
    void latencyRowsCarryTheirNinetyFifthPercentile() {
        BenchRow row = new BenchRow("live-window-tiny", "window", 2, 30.5, Double.NaN, Double.NaN, Double.NaN, 41.25);
        assertTrue(row.line(null).endsWith(" p95_ms=41.250"), row.line(null));
        assertTrue(BenchRow.toJson(List.of(row)).contains("\"p95_ms\":41.2500}"), BenchRow.toJson(List.of(row)));
        assertFalse(BenchRow.toJson(List.of(new BenchRow("gemm", "fwd", 1, 7.5, 286.3, 0.65))).contains("p95"));
        Timing.Result r = Timing.measure(new Workload() {
            int calls;

            @Override public double flops() { return 1; }

            @Override public float run() { return ++calls; }
        }, new Timing.Policy(0, 0, 20, 0, 20));
        assertEquals(20, r.runs());
        assertTrue(r.p95Millis() >= r.medianMillis(), r.toString());
    }
}
