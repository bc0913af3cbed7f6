package tandem.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Windowed attention, composite against fused, forward and forward+backward, on the shapes the model runs:
 * attn-full (B 8, seq 30, D 64, one window), attn-windowed (q (8, 16, 64), k and v (8, 208, 64), 4 windows) and the
 * same including the q/k/v projections from the context vectors. Each call returns its FLOPs (see {@link FusedOps});
 * divide by the measured time for GFLOP/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class AttentionBench {
    @Param({"attn-full", "attn-windowed", "attn-windowed+proj"})
    public String shape;

    @Param({"composite", "fused"})
    public String path;

    @Benchmark
    public double forward() { return run(false); }

    @Benchmark
    public double forwardBackward() { return run(true); }

    private double run(boolean backward) {
        boolean fused = path.equals("fused");
        return switch (shape) {
            case "attn-full" -> FusedOps.runFull(fused, backward);
            case "attn-windowed" -> FusedOps.runWindowed(fused, backward);
            case "attn-windowed+proj" -> FusedOps.runWindowedWithProjections(fused, backward);
            default -> throw new IllegalArgumentException("AttentionBench: unknown shape " + shape);
        };
    }
}
