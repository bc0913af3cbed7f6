package tandem.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** FLOP counts and argument handling of the benchmark harness (no timing is asserted). */
class WorkloadsTest {
    @Test
    void flopCountsCountAMultiplyAddAsTwo() {
        assertEquals(2.0 * 1024 * 1024 * 1024, Workloads.create("gemm", "fwd", "fast").flops());
        assertEquals(3 * 2.0 * 1024 * 1024 * 1024, Workloads.create("gemm", "fwdbwd", "fast").flops());
        // conv3d-mid: y (8, 128, 8, 28, 28), each output a dot product of 128 * 27 taps
        assertEquals(2.0 * 8 * 128 * 8 * 28 * 28 * 128 * 27, ConvCase.byId("conv3d-mid").forwardFlops());
        // conv3d-stem: y (8, 64, 16, 56, 56), 3 * 3 * 7 * 7 taps
        assertEquals(2.0 * 8 * 64 * 16 * 56 * 56 * 3 * 3 * 7 * 7, ConvCase.byId("conv3d-stem").forwardFlops());
        // conv3d-grouped: 16 input channels per group
        assertEquals(2.0 * 4 * 512 * 4 * 14 * 14 * 16 * 27, ConvCase.byId("conv3d-grouped").forwardFlops());
        // conv1d-mfcc: length 212 + 4 - 7 + 1 = 210
        assertEquals(2.0 * 8 * 32 * 210 * 13 * 7, ConvCase.byId("conv1d-mfcc").forwardFlops());
    }

    @Test
    void smallConvWorkloadRunsForwardAndBackwardToFiniteValues() {
        Workload w = Workloads.create("conv1d-mfcc", "fwdbwd", "fast");
        assertTrue(Float.isFinite(w.run()));
        assertEquals(3 * ConvCase.byId("conv1d-mfcc").forwardFlops(), w.flops());
    }

    @Test
    void unknownNamesAreRejectedWithTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Workloads.create("conv9d", "fwd", "fast"));
        assertTrue(e.getMessage().contains("conv3d-mid"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Workloads.create("gemm", "bwd", "fast"));
        assertThrows(IllegalArgumentException.class, () -> Workloads.create("gemm", "fwd", "blas"));
    }

    @Test
    void jsonHasOneObjectPerRow() {
        String json = BenchRow.toJson(List.of(new BenchRow("gemm", "fwd", 2, 7.5, 286.3, 0.65),
                new BenchRow("conv1d-mid", "fwdbwd", 1, 1.25, 90.0, 0.41)));
        assertTrue(json.startsWith("[{\"op\":\"gemm\",\"pass\":\"fwd\",\"threads\":2,\"ms\":7.5000,\"gflops\":286.30,\"gbps\":null,\"peak\":0.6500}"), json);
        assertTrue(json.contains("\"op\":\"conv1d-mid\""), json);
        String device = BenchRow.toJson(List.of(new BenchRow("attn-windowed", "fwd", 0, 0.5, 7.0, 3.25, Double.NaN, Double.NaN)));
        assertTrue(device.contains("\"gbps\":3.250,\"peak\":null}"), device);
    }
}
