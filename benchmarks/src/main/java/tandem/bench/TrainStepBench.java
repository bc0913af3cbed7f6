package tandem.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tandem.tensor.Tandem;
import tandem.tensor.profile.Profiler;

/**
 * One whole training step, forward + backward + Adam inside a memory scope as training runs it, on a batch of
 * random clips: the {@code tiny} and {@code small} presets, the proposed model (windowed cross-attention fusion and
 * the class-map head) and MSAF (its split-attention fusion and linear heads). Throughput in steps per second; the
 * step's FLOPs (summed over its backend ops) go to the {@code :gflop} counter, which reads as GFLOP/s. Run it with
 * {@code -prof gc} for the allocation per step. {@code -p profile=on} runs the same steps with the profiler
 * recording, to measure its overhead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC", "-Xmx6g"})
public class TrainStepBench {
    @Param({"tiny", "small"})
    public String preset;

    @Param({"proposed", "msaf"})
    public String model;

    @Param({"8"})
    public int batch;

    @Param({"2"})
    public int threads;

    @Param({"off"})
    public String profile;

    private Workload step;
    private Profiler profiler;

    /** The model spec of a (preset, model) pair. */
    static String spec(String preset, String model) {
        return switch (model) {
            case "proposed" -> "preset=" + preset + ",fusion=window,head=classmap";
            case "msaf" -> "preset=" + preset + ",fusion=msaf,head=linear";
            default -> throw new IllegalArgumentException("TrainStepBench: model must be proposed or msaf, got " + model);
        };
    }

    @Setup(Level.Trial)
    public void setup() {
        Tandem.setNumThreads(threads);
        step = Workloads.trainStep(spec(preset, model), batch, false);
        if (profile.equals("on")) profiler = Profiler.start(0);   // totals only: no trace events kept
        else if (!profile.equals("off")) throw new IllegalArgumentException("TrainStepBench: profile must be on or off, got " + profile);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (profiler != null) profiler.stop();
    }

    @Benchmark
    public float step(FlopCounter counter) {
        counter.gflop += step.flops() / 1e9;
        return step.run();
    }
}
