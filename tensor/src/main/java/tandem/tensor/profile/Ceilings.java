package tandem.tensor.profile;

import java.util.Arrays;
import java.util.Locale;
import tandem.tensor.Device;
import tandem.tensor.RandomKind;
import tandem.tensor.Tandem;
import tandem.tensor.Tensor;
import tandem.tensor.backend.Backend;
import tandem.tensor.backend.Backends;

/**
 * The two ceilings of a roofline: a compute peak (GFLOP/s) and a memory bandwidth (GB/s), each with where it came
 * from. Their ratio, the balance point in FLOPs per byte, splits ops into compute-bound (arithmetic intensity above
 * it) and memory-bound (below).
 */
public record Ceilings(double peakGflops, String peakSource, double bandwidthGbs, String bandwidthSource) {
    /** GEMM size for {@link #measure}. */
    static final int GEMM_N = 512;

    /** FLOPs per byte at which the two ceilings meet. */
    public double balance() { return peakGflops / bandwidthGbs; }

    /** The attainable rate at arithmetic intensity {@code flopsPerByte}: min(peak, bandwidth x intensity). */
    public double attainable(double flopsPerByte) { return Math.min(peakGflops, bandwidthGbs * flopsPerByte); }

    public String describe() {
        return String.format(Locale.ROOT, "peak %.1f GFLOP/s (%s), bandwidth %.1f GB/s (%s): balance %.1f FLOP/byte",
                peakGflops, peakSource, bandwidthGbs, bandwidthSource, balance());
    }

    public String json() {
        return "{\"peak_gflops\":" + JsonText.num(peakGflops) + ",\"peak_source\":" + JsonText.str(peakSource)
                + ",\"bandwidth_gbs\":" + JsonText.num(bandwidthGbs) + ",\"bandwidth_source\":" + JsonText.str(bandwidthSource)
                + ",\"balance\":" + JsonText.num(balance()) + "}";
    }

    /**
     * The ceilings an application sees on {@code device} with {@link Tandem#numThreads()} threads, measured through
     * its backend: compute as the rate of a 512^3 F32 matmul (what the best kernel attains, not the FMA units'
     * theoretical peak; the benchmarks measure that one), bandwidth as STREAM's triad on the CPU
     * ({@link MemoryBandwidth}) or as a 64 MB device copy elsewhere. About a second. Call it while no profiler
     * records, or its own ops are recorded too.
     */
    public static Ceilings measure(Device device) {
        int threads = Tandem.numThreads();
        Backend backend = Backends.get(device);
        Tensor a = Tensor.random(RandomKind.NORMAL, 1, 0, 1, tandem.tensor.DType.F32, device, GEMM_N, GEMM_N);
        Tensor b = Tensor.random(RandomKind.NORMAL, 2, 0, 1, tandem.tensor.DType.F32, device, GEMM_N, GEMM_N);
        double gemmMs = medianMillis(() -> finish(backend.matmul(a, b)));
        a.close();
        b.close();
        double peak = 2.0 * GEMM_N * GEMM_N * GEMM_N / gemmMs / 1e6;
        String where = device.equals(Device.CPU) ? threads + (threads == 1 ? " thread" : " threads") : device.toString();
        String peakSource = "sgemm " + GEMM_N + "^3 through the backend, " + where;
        if (device.equals(Device.CPU)) {
            return new Ceilings(peak, peakSource, MemoryBandwidth.triad(threads), "STREAM triad, " + where);
        }
        int n = MemoryBandwidth.ELEMENTS * 2;
        Tensor x = Tensor.random(RandomKind.UNIFORM, 3, 0, 1, tandem.tensor.DType.F32, device, n);
        double copyMs = medianMillis(() -> finish(backend.copy(x)));
        x.close();
        return new Ceilings(peak, peakSource, 2.0 * 4 * n / copyMs / 1e6, "64 MB copy through the backend, " + where);
    }

    /** Waits for the device (a one-element read) and frees the result. */
    private static void finish(Tensor t) {
        t.narrow(0, 0, 1).toFloatArray();
        t.close();
    }

    /** Median of 7 timed runs after at least 3 untimed ones and 0.3 s, so the JIT has compiled the kernel. */
    private static double medianMillis(Runnable run) {
        long warm = System.nanoTime();
        for (int i = 0; i < 3 || System.nanoTime() - warm < 300_000_000L; i++) run.run();
        double[] ms = new double[7];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            run.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }
}
