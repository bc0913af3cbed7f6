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

/** sgemm 1024^3: the blocked kernel (fast), the unblocked baseline (v1) and the double reference (ref). */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class GemmBench {
    @Param({"fast", "v1", "ref"})
    public String impl;

    /** fwdbwd (C = AB, dA = dC B^T, dB = A^T dC) exists for impl=fast only: run it with -p impl=fast -p pass=fwdbwd. */
    @Param({"fwd"})
    public String pass;

    @Param({"1", "2"})
    public int threads;

    private Workload work;

    @Setup
    public void setup() {
        Tandem.setNumThreads(threads);
        work = Workloads.create("gemm", pass, impl);
    }

    @Benchmark
    public float gemm(FlopCounter counter) {
        counter.gflop += work.flops() / 1e9;
        return work.run();
    }
}
