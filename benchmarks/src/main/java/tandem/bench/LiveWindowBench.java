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
 * The latency of one {@code live} window end to end (features of 30 VGA frames and 48 kHz sound, then the forward
 * pass; {@link LiveWindowWorkload}) per preset and thread count. Sample mode, so JMH prints the median (p0.50) and the
 * 95th percentile (p0.95) beside the mean. The ravdess preset takes seconds per window: run it alone with longer
 * iterations ({@code -p preset=ravdess -w 10s -r 10s}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class LiveWindowBench {
    @Param({"tiny", "small", "ravdess"})
    public String preset;

    @Param({"1", "2"})
    public int threads;

    private Workload window;

    @Setup
    public void setUp() {
        Tandem.setNumThreads(threads);
        window = LiveWindowWorkload.create(preset);
    }

    @Benchmark
    public float window() { return window.run(); }
}
