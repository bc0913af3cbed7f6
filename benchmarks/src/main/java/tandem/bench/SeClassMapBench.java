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
 * The class-map SE excitations, composite against fused, forward and forward+backward, on se-classmap, the shape the
 * model runs: z = GAP([8, 2048, 2, 7, 7]) (8, 2048), 4 classes, reduction 16 (H 128).
 * Each call returns its FLOPs (see {@link FusedOps}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SeClassMapBench {
    @Param({"composite", "fused"})
    public String path;

    @Benchmark
    public double forward() { return FusedOps.runSeClassMap(path.equals("fused"), false); }

    @Benchmark
    public double forwardBackward() { return FusedOps.runSeClassMap(path.equals("fused"), true); }
}
