package tandem.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import tandem.kernels.cpu.fast.Parallel;

/**
 * The machine's FP32 FMA peak as Java sees it: 12 independent vector FMA chains held in registers, no memory
 * traffic. Twelve chains cover FMA latency x FMA ports on current x86 cores (4 cycles x 2 ports needs >= 8).
 * Run it with JMH ({@code -t 2} for two threads) or call {@link #measure(int)}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PeakFlops {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int CHAINS = 12;
    static final long ITERATIONS = 1 << 20;

    /** FLOPs of one {@link #fmaLoop(long)} call. */
    public static double flopsPerLoop(long iterations) { return 2.0 * CHAINS * S.length() * iterations; }

    @Benchmark
    public float fma(FlopCounter counter) {
        counter.gflop += flopsPerLoop(ITERATIONS) / 1e9;
        return fmaLoop(ITERATIONS);
    }

    static float fmaLoop(long iterations) {
        FloatVector a = FloatVector.broadcast(S, 0.999f), b = FloatVector.broadcast(S, 1e-3f);
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        FloatVector c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (long i = 0; i < iterations; i++) {
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
            c4 = c4.fma(a, b);
            c5 = c5.fma(a, b);
            c6 = c6.fma(a, b);
            c7 = c7.fma(a, b);
            c8 = c8.fma(a, b);
            c9 = c9.fma(a, b);
            c10 = c10.fma(a, b);
            c11 = c11.fma(a, b);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(VectorOperators.ADD);
    }

    /** Median GFLOP/s of the FMA loop run on {@code threads} threads at once (after a warm-up). */
    public static double measure(int threads) {
        long iterations = 1 << 22;
        float[] sink = new float[threads];
        for (int w = 0; w < 40; w++) fmaLoop(1 << 16); // get the loop compiled before timing
        double[] rates = new double[7];
        for (int r = 0; r < rates.length; r++) {
            long t0 = System.nanoTime();
            Parallel.run(threads, t -> sink[t] += fmaLoop(iterations));
            rates[r] = flopsPerLoop(iterations) * threads / (System.nanoTime() - t0);
        }
        Arrays.sort(rates);
        if (Float.isNaN(sink[0])) throw new AssertionError("unreachable: keeps the loop alive");
        return rates[rates.length / 2];
    }
}
