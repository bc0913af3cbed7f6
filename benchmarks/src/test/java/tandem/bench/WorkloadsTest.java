package tandem.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void bytesCountEveryOperandOnce() {
        assertEquals(3.0 * 1024 * 1024 * 4, Workloads.create("gemm", "fwd", "fast").bytes());
        ConvCase mfcc = ConvCase.byId("conv1d-mfcc");
        assertEquals(4.0 * (8 * 13 * 212 + 32 * 13 * 7 + 8 * 32 * 210), Workloads.create("conv1d-mfcc", "fwd", "fast").bytes());
        assertEquals(3 * mfcc.bytes(4), Workloads.create("conv1d-mfcc", "fwdbwd", "fast").bytes());
    }

    @Test
    void aCompositeMovesMoreBytesThanItsFusedOpForTheSameFlops() {
        Workload fused = Workloads.create("attn-windowed", "fwd", "fast"), composite = Workloads.create("attn-windowed", "fwd", "composite");
        assertEquals(fused.flops(), composite.flops());
        assertTrue(composite.bytes() > fused.bytes(), composite.bytes() + " vs " + fused.bytes());
        // the fused forward reads q, k, v and writes out and the log-sum-exp: its compulsory bytes, F32
        assertEquals(4.0 * (8 * 16 * 64 + 2 * 8 * 208 * 64 + 8 * 16 * 64 + 8 * 16), fused.bytes());
    }

    @Test
    void aTrainingStepIsCountedThroughItsBackendOps() {
        Workload step = Workloads.trainStep(false);
        assertTrue(step.flops() > 1e9 && Double.isFinite(step.flops()), "FLOPs of the tiny step: " + step.flops());
        assertTrue(step.bytes() > 1e6 && Double.isFinite(step.bytes()), "bytes: " + step.bytes());
    }

    @Test
    void aReportSurvivesItsJson(@TempDir Path dir) throws IOException {
        BenchRow row = new BenchRow("gemm", "fwd", 2, null, new Timing.Sample(new double[] {7, 7.5, 8}), 2e9, 12e6, 400);
        BenchReport report = new BenchReport(BenchReport.FORMAT, BenchCompareTest.ENV, 1.0,
                List.of(new BenchReport.Ceiling(2, null, 400.0, 380.0, 20.0, "fma", "triad")), List.of("w"), List.of(BenchReport.Row.of(row)));
        Path file = dir.resolve("r.json");
        Files.writeString(file, report.toJson());
        BenchReport back = BenchReport.read(file);
        assertEquals(report, back);
        assertEquals(7.5, back.rows().get(0).ms());
        assertEquals(0.5 / 7.5, back.rows().get(0).spread(), 1e-12, "interquartile range over median");
        assertEquals(0.05, back.ceilings().get(0).peakDrift(), 1e-12);
        assertTrue(Files.readString(file).contains("\"flops_per_byte\""), "snake_case field names");
    }
}
