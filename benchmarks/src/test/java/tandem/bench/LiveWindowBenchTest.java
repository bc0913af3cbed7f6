package tandem.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
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
        double[] millis = new double[21];
        for (int i = 0; i < millis.length; i++) millis[i] = 30 + i;            // 30 .. 50 ms, sorted
        BenchRow row = new BenchRow("live-window-tiny", "window", 2, null, new Timing.Sample(millis), Double.NaN, Double.NaN, Double.NaN, true);
        assertEquals(49.0, row.p95(), 1e-12, "type-7 quantile at 0.95 of 21 runs: the 20th order statistic");
        assertTrue(row.line().endsWith(" p95_ms=49.000"), row.line());
        assertEquals(49.0, BenchReport.Row.of(row).p95Ms());
        BenchRow kernel = new BenchRow("gemm", "fwd", 1, null, new Timing.Sample(new double[] {7, 7.5, 8}), 2e9, 12e6, 400);
        assertFalse(kernel.line().contains("p95"), kernel.line());
        assertNull(BenchReport.Row.of(kernel).p95Ms(), "kernel rows store no 95th percentile");
        Timing.Sample r = Timing.time(new Workload() {
            int calls;

            @Override public double flops() { return 1; }

            @Override public float run() { return ++calls; }
        }, new Timing.Policy(0, 0, false, 20, 0, 20));
        assertEquals(20, r.runs());
        assertTrue(r.quantile(0.95) >= r.median(), Arrays.toString(r.millis()));
    }
}
