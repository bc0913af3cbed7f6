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
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tandem.tensor.Tandem;

/**
 * Windowed attention, composite against fused, forward and forward+backward, on the shapes the model runs:
 * attn-full (B 8, seq 30, D 64, one window), attn-windowed (q (8, 16, 64), k and v (8, 208, 64), 4 windows) and the
 * same including the q/k/v projections from the context vectors, on {@code threads} kernel threads. Throughput in
 * calls per second; each call's FLOPs (see {@link FusedOps}) go to the {@code :gflop} counter, which JMH divides by the
 * same seconds, so that row reads as GFLOP/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC"})
public class AttentionBench {
    @Param({"attn-full", "attn-windowed", "attn-windowed+proj"})
    public String shape;

    @Param({"composite", "fused"})
    public String path;

    @Param({"1", "2"})
    public int threads;

    @Setup
    public void setup() { Tandem.setNumThreads(threads); }

    @Benchmark
    public double forward(FlopCounter counter) { return count(counter, run(false)); }

    @Benchmark
    public double forwardBackward(FlopCounter counter) { return count(counter, run(true)); }

    private static double count(FlopCounter counter, double flops) {
        counter.gflop += flops / 1e9;
        return flops;
    }

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
