package tandem.bench;

import java.util.Locale;
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
import tandem.kernels.cpu.fast.CpuFeatures;
import tandem.kernels.cpu.fast.Parallel;

/**
 * The machine's FP32 FMA peak as Java sees it: {@value #CHAINS} independent vector FMA chains held in registers, no
 * memory traffic, best of several runs (a peak is what the machine can do, not what it usually does).
 *
 * <p>Why {@value #CHAINS} chains: a core keeps (FMA latency x FMA pipes) FMAs in flight, 8 to 10 on current x86 cores
 * (4-5 cycles x 2 pipes) and up to 16 on wide ARM cores (4 x 4), so fewer chains measure the latency instead of the
 * throughput; and the chains must stay in registers. Sixteen fit every register file Tandem runs on: the 16 of AVX2
 * too, since the multiplier stays in a register and the addend is folded into the instruction. Measured on the
 * AVX-512 development machine under -XX:UseAVX=2, 12 chains (the previous loop) reached 97.6 GFLOP/s, 14 106, 16
 * 110.7 (= 8 lanes x 2 x 2 pipes x 3.46 GHz) and 18, which no longer fit, 87.8; with AVX-512's 32 registers 12 to 16
 * chains all reached 223-226.
 *
 * <p>Run it with JMH ({@code -t 2} for two threads) or call {@link #measure(int)}; {@link #header} says what it assumed.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PeakFlops {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int CHAINS = 16;
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
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        FloatVector c8 = c0, c9 = c0, c10 = c0, c11 = c0, c12 = c0, c13 = c0, c14 = c0, c15 = c0;
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
            c12 = c12.fma(a, b);
            c13 = c13.fma(a, b);
            c14 = c14.fma(a, b);
            c15 = c15.fma(a, b);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11).add(c12).add(c13)
                .add(c14).add(c15).reduceLanes(VectorOperators.ADD);
    }

    /** Best GFLOP/s of the FMA loop run on {@code threads} threads at once, over 9 runs of about 80 ms each. */
    public static double measure(int threads) { return measure(threads, 9, 1 << 22); }

    /** Best GFLOP/s over {@code runs} runs of {@code iterations} loop trips on each of {@code threads} threads. */
    static double measure(int threads, int runs, long iterations) {
        float[] sink = new float[threads];
        // Enough calls for C2 to compile the loop as a method (not only on-stack replacement): the first attempt, 40
        // long calls, timed code C2 had compiled by OSR and read 77 GFLOP/s under AVX2 where the loop can do 110.
        for (int w = 0; w < 20_000; w++) sink[0] += fmaLoop(4);
        for (int w = 0; w < 20; w++) sink[0] += fmaLoop(1 << 16);
        double best = 0;
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            Parallel.run(threads, t -> sink[t] += fmaLoop(iterations));
            best = Math.max(best, flopsPerLoop(iterations) * threads / (System.nanoTime() - t0));
        }
        if (Float.isNaN(sink[0])) throw new AssertionError("unreachable: keeps the loop alive");
        return best;
    }

    /**
     * What the peak assumed and how it compares with lanes x 2 x FMA pipes x clock: the lines a bench table opens
     * with, for the measured {@code peak} on {@code threads} threads.
     */
    static String header(double peak, int threads) {
        CpuFeatures f = CpuFeatures.host();
        double nominal = f.nominalPeakGflops() * threads;
        String check = Double.isNaN(nominal) ? "clock unknown, no nominal peak to check against"
                : String.format(Locale.ROOT, "%.2fx the nominal %.1f (%d lanes x 2 x %d FMA pipes assumed x %.0f MHz, %s x %d thread(s))%s",
                        peak / nominal, nominal, f.lanes(), CpuFeatures.ASSUMED_FMA_PIPES, f.clockMhz(), f.clockSource(), threads,
                        peak > 1.05 * nominal ? ": the core runs above that clock (boost) or has more FMA pipes" : "");
        return String.format(Locale.ROOT, "peak: %.1f GFLOP/s on %d thread(s), best of 9 runs of %d register-held FMA chains; %s",
                peak, threads, CHAINS, check);
    }
}
