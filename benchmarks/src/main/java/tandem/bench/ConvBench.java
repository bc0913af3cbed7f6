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
 * The model's convolutions (one suite per shape via {@code -p op=...}), forward and forward+backward, fast kernels
 * vs the double reference. The reference is very slow on the 3-d shapes (minutes per call); select it explicitly.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g"})
public class ConvBench {
    @Param({"conv3d-stem", "conv3d-mid", "conv3d-grouped", "conv1d-mfcc", "conv1d-mid"})
    public String op;

    @Param({"fwd", "fwdbwd"})
    public String pass;

    @Param({"fast"})
    public String impl;

    @Param({"1", "2"})
    public int threads;

    private Workload work;

    @Setup
    public void setup() {
        Tandem.setNumThreads(threads);
        work = Workloads.create(op, pass, impl);
    }

    @Benchmark
    public float conv(FlopCounter counter) {
        counter.gflop += work.flops() / 1e9;
        return work.run();
    }
}
