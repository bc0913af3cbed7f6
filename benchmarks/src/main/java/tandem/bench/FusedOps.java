package tandem.bench;

import java.util.Arrays;
import tandem.autograd.Var;
import tandem.autograd.ops.WindowedAttention;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.RandomKind;
import tandem.tensor.Tensor;
import tandem.tensor.backend.Backend;
import tandem.tensor.backend.Backends;
import tandem.tensor.backend.CompositeKernels;

/**
 * One call of each fused op on the benchmark shape the model runs, composite or fused, forward or
 * forward+backward; each method returns the FLOPs of the call (a multiply-add counts 2) so a runner can report
 * GFLOP/s. Inputs are F32 on the CPU, drawn once. The composite is {@link CompositeKernels} on the CPU primitives;
 * the fused path is the CPU backend's override.
 *
 * <p>FLOPs are the algorithm's, the same for both paths: attention forward 2 P (D + Dv) over the P query-key pairs
 * inside windows; its backward recomputes the scores and forms dP, dV, dQ, dK: 2 P (3 D + 2 Dv). SE forward
 * 4 B C H N; its backward recomputes both layers and forms four products: 12 B C H N.
 */
public final class FusedOps {
    private FusedOps() {}

    /** Looked up per call, so that a profiler recording sees the calls (it decorates the backend it hands out). */
    private static Backend cpu() { return Backends.get(Device.CPU); }

    /** Attention operands q (B, Tq, D), k and v (B, Tk, D), a gradient for the output, and the window count. */
    private record Attention(Tensor q, Tensor k, Tensor v, Tensor dOut, int windows) {
        static Attention of(int b, int tq, int tk, int d, int windows) {
            return new Attention(randn(1, b, tq, d), randn(2, b, tk, d), randn(3, b, tk, d), randn(4, b, tq, d), windows);
        }

        double scale() { return 1 / Math.sqrt(q.size(2)); }

        double forwardFlops() {
            var d = CompositeKernels.checkWindowAttention("bench", q, k, v, windows);
            double pairs = 0;
            for (int i = 0; i < windows; i++) pairs += (double) (d.queryStart(i + 1) - d.queryStart(i)) * (d.keyStart(i + 1) - d.keyStart(i));
            return 2 * d.b() * pairs * (d.d() + d.dv());
        }

        double backwardFlops() {
            return forwardFlops() * (3.0 * q.size(2) + 2 * v.size(2)) / (q.size(2) + v.size(2));
        }
    }

    /** attn-full: B 8, seq 30, D 64, one window. */
    private static final class Full {
        static final Attention A = Attention.of(8, 30, 30, 64, 1);
    }

    /** attn-windowed after projection: video queries (8, 16, 64), audio keys and values (8, 208, 64), 4 windows. */
    private static final class Windowed {
        static final Attention A = Attention.of(8, 16, 208, 64, 4);
    }

    /** attn-windowed from the context vectors: video (8, 1024, 16), audio (8, 32, 208), projections to D 64. */
    private static final class Projected {
        static final Tensor VIDEO = randn(5, 8, 1024, 16), AUDIO = randn(6, 8, 32, 208);
        static final Tensor WQ = randn(7, 1024, 64).mul(1 / 32.0), WK = randn(8, 32, 64).mul(0.18), WV = randn(9, 32, 64).mul(0.18);
        static final Tensor SEED = randn(10, 8, 16, 64);
    }

    /** se-classmap: z = GAP of [8, 2048, 2, 7, 7] (8, 2048), 4 classes, reduction 16 (H 128). */
    private static final class ClassMap {
        static final int B = 8, C = 4, H = 128, N = 2048;
        static final Tensor Z = randn(11, B, N), W1 = randn(12, C, H, N).mul(1 / Math.sqrt(N)), B1 = randn(13, C, H).mul(0.1);
        static final Tensor W2 = randn(14, C, N, H).mul(1 / Math.sqrt(H)), B2 = randn(15, C, N).mul(0.1), DS = randn(16, B, C, N);
    }

    public static double runFull(boolean fused, boolean backward) { return runAttention(Full.A, fused, backward); }

    public static double runWindowed(boolean fused, boolean backward) { return runAttention(Windowed.A, fused, backward); }

    private static double runAttention(Attention a, boolean fused, boolean backward) {
        Backend cpu = cpu();
        Tensor[] f = fused ? cpu.windowAttentionForward(a.q, a.k, a.v, a.windows, a.scale())
                : CompositeKernels.windowAttentionForward(cpu, a.q, a.k, a.v, a.windows, a.scale());
        if (!backward) return a.forwardFlops();
        Tensor[] g = fused ? cpu.windowAttentionBackward(a.q, a.k, a.v, f[0], f[1], a.dOut, a.windows, a.scale())
                : CompositeKernels.windowAttentionBackward(cpu, a.q, a.k, a.v, f[0], f[1], a.dOut, a.windows, a.scale());
        consume(g[0]);
        return a.forwardFlops() + a.backwardFlops();
    }

    /**
     * The windowed attention of the model from its context vectors, through autograd: q = video^T wq, k = audio^T wk,
     * v = audio^T wv, then attention (the op or its composite of Var ops); backward gives the projection gradients.
     */
    public static double runWindowedWithProjections(boolean fused, boolean backward) {
        Var wq = Var.param(Projected.WQ), wk = Var.param(Projected.WK), wv = Var.param(Projected.WV);
        Var video = Var.constant(Projected.VIDEO.transpose(1, 2)), audio = Var.constant(Projected.AUDIO.transpose(1, 2));
        Var q = video.matmul(wq), k = audio.matmul(wk), v = audio.matmul(wv);                // (8, 16, 64), (8, 208, 64)
        double scale = 1 / Math.sqrt(64);
        Var out = fused ? WindowedAttention.apply(q, k, v, 4, scale) : compositeAttention(q, k, v, 4, scale);
        double projections = 2.0 * 8 * (16 * 1024 * 64 + 2 * 208 * 32 * 64);
        if (!backward) return projections + Windowed.A.forwardFlops();
        out.backward(Projected.SEED, false);
        consume(wq.grad());
        // backward: the attention's, plus one product per weight gradient (the context vectors are constants)
        return 2 * projections + Windowed.A.forwardFlops() + Windowed.A.backwardFlops();
    }

    /** The composite in Var ops, as a model without the fused op would write it. */
    static Var compositeAttention(Var q, Var k, Var v, int windows, double scale) {
        int tq = q.size(1), tk = k.size(1);
        Var[] parts = new Var[windows];
        for (int i = 0; i < windows; i++) {
            int qs = CompositeKernels.windowStart(i, tq, windows), qe = CompositeKernels.windowStart(i + 1, tq, windows);
            int ks = CompositeKernels.windowStart(i, tk, windows), ke = CompositeKernels.windowStart(i + 1, tk, windows);
            Var ki = k.narrow(1, ks, ke - ks);
            parts[i] = q.narrow(1, qs, qe - qs).matmul(ki.transpose(1, 2)).mul(scale).softmax(2).matmul(v.narrow(1, ks, ke - ks));
        }
        return Var.cat(1, parts);
    }

    public static double runSeClassMap(boolean fused, boolean backward) {
        Backend cpu = cpu();
        Tensor s = fused ? cpu.seExciteForward(ClassMap.Z, ClassMap.W1, ClassMap.B1, ClassMap.W2, ClassMap.B2)
                : CompositeKernels.seExciteForward(cpu, ClassMap.Z, ClassMap.W1, ClassMap.B1, ClassMap.W2, ClassMap.B2);
        consume(s);
        double forward = 4.0 * ClassMap.B * ClassMap.C * ClassMap.H * ClassMap.N;
        if (!backward) return forward;
        Tensor[] g = fused ? cpu.seExciteBackward(ClassMap.Z, ClassMap.W1, ClassMap.B1, ClassMap.W2, ClassMap.B2, ClassMap.DS)
                : CompositeKernels.seExciteBackward(cpu, ClassMap.Z, ClassMap.W1, ClassMap.B1, ClassMap.W2, ClassMap.B2, ClassMap.DS);
        consume(g[1]);
        return 4 * forward;
    }

    private static volatile int sink;

    // keeps results observable so the JIT cannot drop the work
    private static void consume(Tensor t) { sink += t.numel() > 0 ? 1 : 0; }

    private static Tensor randn(long seed, int... shape) {
        return Tensor.random(RandomKind.NORMAL, seed, 0, 1, DType.F32, Device.CPU, shape);
    }

    /** A quick look without JMH: the median over {@code reps} calls of each variant, after two seconds of warm-up. */
    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String[] names = {"attn-full", "attn-windowed", "attn-windowed+proj", "se-classmap"};
        for (String name : names) {
            for (boolean backward : new boolean[] {false, true}) {
                double[] ms = new double[2];
                double flops = 0;
                for (int p = 0; p < 2; p++) {
                    boolean fused = p == 1;
                    // warm up for two seconds: Vector API code is only fast once C2 has compiled it
                    for (long until = System.nanoTime() + 2_000_000_000L; System.nanoTime() < until; ) run(name, fused, backward);
                    double[] t = new double[reps];
                    for (int i = 0; i < reps; i++) {
                        long t0 = System.nanoTime();
                        flops = run(name, fused, backward);
                        t[i] = (System.nanoTime() - t0) / 1e6;
                    }
                    Arrays.sort(t);
                    ms[p] = t[reps / 2];
                }
                System.out.printf("%-20s %-8s composite %9.3f ms  fused %8.3f ms  (%6.2f GFLOP/s)  speedup %6.1fx%n", name,
                        backward ? "fwd+bwd" : "fwd", ms[0], ms[1], flops / ms[1] / 1e6, ms[0] / ms[1]);
            }
        }
    }

    private static double run(String name, boolean fused, boolean backward) {
        return switch (name) {
            case "attn-full" -> runFull(fused, backward);
            case "attn-windowed" -> runWindowed(fused, backward);
            case "attn-windowed+proj" -> runWindowedWithProjections(fused, backward);
            case "se-classmap" -> runSeClassMap(fused, backward);
            default -> throw new IllegalArgumentException("unknown benchmark shape " + name);
        };
    }
}
