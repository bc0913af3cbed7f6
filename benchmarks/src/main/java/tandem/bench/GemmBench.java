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
 * sgemm on the shapes of {@link GemmCase}: the blocked kernel (fast), OpenBLAS's cblas_sgemm pinned to the same thread
 * count (openblas, the rival), the unblocked baseline (v1) and the double reference (ref). Compare fast and openblas
 * rows of one shape and thread count for tandem/openblas; {@code ./tandem bench --op gemm} prints that ratio directly.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class GemmBench {
    @Param({"fast", "openblas", "v1", "ref"})
    public String impl;

    /** A {@link GemmCase} id; v1 and ref are slow, so run them on {@code gemm} only. */
    @Param({"gemm", "gemm-conv3d-mid", "gemm-256"})
    public String shape;

    /** fwdbwd (C = AB, dA = dC B^T, dB = A^T dC) exists for impl=fast only: run it with -p impl=fast -p pass=fwdbwd. */
    @Param({"fwd"})
    public String pass;

    @Param({"1", "2"})
    public int threads;

    private Workload work;

    @Setup
    public void setup() {
        Tandem.setNumThreads(threads);
        work = Workloads.create(shape, pass, impl);
    }

    @Benchmark
    public float gemm(FlopCounter counter) {
        counter.gflop += work.flops() / 1e9;
        return work.run();
    }
}
