package tandem.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tandem.autograd.Var;
import tandem.autograd.ops.SeExcite;
import tandem.autograd.ops.WindowedAttention;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.RandomKind;
import tandem.tensor.Tensor;
import tandem.tensor.TimeWindows;
import tandem.tensor.backend.Backend;
import tandem.tensor.backend.Backends;

/**
 * One call of each fused op on the benchmark shape the model runs, fused or composite, forward or forward+backward,
 * on one device; each run returns the FLOPs of the call (a multiply-add counts 2) so a runner can report GFLOP/s.
 * Inputs are F32, drawn once per device. The fused path calls the backend's kernel; the composite is what autograd
 * runs on a backend without it ({@link WindowedAttention#composite}, {@link SeExcite#composite}), its backward derived
 * by autograd, on the same device.
 *
 * <p>FLOPs are the algorithm's, the same for both paths: attention forward 2 P (D + Dv) over the P query-key pairs
 * inside windows; its backward recomputes the scores and forms dP, dV, dQ, dK: 2 P (3 D + 2 Dv). SE forward
 * 4 B C H N; its backward recomputes both layers and forms four products: 12 B C H N. Bytes ({@link #bytes}) are the
 * compulsory traffic: every operand read once and every result written once.
 */
public final class FusedOps {
    private static final Map<Device, FusedOps> ON = new ConcurrentHashMap<>();

    private final Device device;
    private final Attention full, windowed;
    private final ClassMap classMap;

    private FusedOps(Device device) {
        this.device = device;
        this.full = Attention.of(device, 8, 30, 30, 64, 1);
        this.windowed = Attention.of(device, 8, 16, 208, 64, 4);
        this.classMap = new ClassMap(device);
    }

    /** The benchmark inputs on {@code device}, made once. */
    public static FusedOps on(Device device) { return ON.computeIfAbsent(device, FusedOps::new); }

    /** Attention operands q (B, Tq, D), k and v (B, Tk, D), a gradient for the output, and the window count. */
    private record Attention(Tensor q, Tensor k, Tensor v, Tensor dOut, int windows) {
        static Attention of(Device device, int b, int tq, int tk, int d, int windows) {
            return new Attention(randn(device, 1, b, tq, d), randn(device, 2, b, tk, d), randn(device, 3, b, tk, d),
                    randn(device, 4, b, tq, d), windows);
        }

        double scale() { return 1 / Math.sqrt(q.size(2)); }

        double forwardFlops() {
            TimeWindows qw = new TimeWindows(q.size(1), windows), kw = new TimeWindows(k.size(1), windows);
            double pairs = 0;
            for (int i = 0; i < windows; i++) pairs += (double) qw.size(i) * kw.size(i);
            return 2 * q.size(0) * pairs * (q.size(2) + v.size(2));
        }

        double backwardFlops() {
            return forwardFlops() * (3.0 * q.size(2) + 2 * v.size(2)) / (q.size(2) + v.size(2));
        }

        // forward reads q, k, v and writes out and lse; backward reads q, k, v, out, lse, dOut and writes dq, dk, dv
        double bytes(boolean backward) {
            double qkv = q.numel() + k.numel() + v.numel(), outLse = dOut.numel() + q.size(0) * q.size(1);
            return 4 * (backward ? (qkv + outLse) + (2 * qkv + outLse + dOut.numel()) : qkv + outLse);
        }
    }

    /** se-classmap: z = GAP of [8, 2048, 2, 7, 7] (8, 2048), 4 classes, reduction 16 (H 128). */
    private static final class ClassMap {
        static final int B = 8, C = 4, H = 128, N = 2048;
        final Tensor z, w1, b1, w2, b2, ds;

        ClassMap(Device device) {
            z = randn(device, 11, B, N);
            w1 = randn(device, 12, C, H, N).mul(1 / Math.sqrt(N));
            b1 = randn(device, 13, C, H).mul(0.1);
            w2 = randn(device, 14, C, N, H).mul(1 / Math.sqrt(H));
            b2 = randn(device, 15, C, N).mul(0.1);
            ds = randn(device, 16, B, C, N);
        }

        // forward reads z and the weights and writes s; backward reads them and ds and writes a gradient per input
        double bytes(boolean backward) {
            double in = z.numel() + w1.numel() + b1.numel() + w2.numel() + b2.numel(), s = ds.numel();
            return 4 * (backward ? (in + s) + (2 * in + s) : in + s);
        }
    }

    public Device device() { return device; }

    /** Looked up per call, so that a recording profiler (it decorates the backend it hands out) sees the calls. */
    private Backend be() { return Backends.get(device); }

    public static double runFull(boolean fused, boolean backward) { return on(Device.CPU).full(fused, backward); }

    public static double runWindowed(boolean fused, boolean backward) { return on(Device.CPU).windowed(fused, backward); }

    public static double runSeClassMap(boolean fused, boolean backward) { return on(Device.CPU).seClassMap(fused, backward); }

    public double full(boolean fused, boolean backward) { return attention(full, fused, backward); }

    public double windowed(boolean fused, boolean backward) { return attention(windowed, fused, backward); }

    /** Compulsory bytes of one call of {@code op} (attn-full, attn-windowed, se-classmap). */
    public double bytes(String op, boolean backward) {
        return switch (op) {
            case "attn-full" -> full.bytes(backward);
            case "attn-windowed" -> windowed.bytes(backward);
            case "se-classmap" -> classMap.bytes(backward);
            default -> throw new IllegalArgumentException("unknown fused op " + op);
        };
    }

    private double attention(Attention a, boolean fused, boolean backward) {
        if (fused) {
            Tensor[] f = be().windowAttentionForward(a.q, a.k, a.v, a.windows, a.scale());
            consume(f[0]);
            if (!backward) return a.forwardFlops();
            Tensor[] g = be().windowAttentionBackward(a.q, a.k, a.v, f[0], f[1], a.dOut, a.windows, a.scale());
            consume(g[0]);
        } else {
            Var q = leaf(a.q, backward), k = leaf(a.k, backward), v = leaf(a.v, backward);
            Var out = WindowedAttention.composite(q, k, v, a.windows, a.scale());
            consume(out.data());
            if (!backward) return a.forwardFlops();
            out.backward(a.dOut, false);
            consume(q.grad());
        }
        return a.forwardFlops() + a.backwardFlops();
    }

    public double seClassMap(boolean fused, boolean backward) {
        ClassMap m = classMap;
        double forward = 4.0 * ClassMap.B * ClassMap.C * ClassMap.H * ClassMap.N;
        if (fused) {
            consume(be().seExciteForward(m.z, m.w1, m.b1, m.w2, m.b2));
            if (!backward) return forward;
            consume(be().seExciteBackward(m.z, m.w1, m.b1, m.w2, m.b2, m.ds)[1]);
        } else {
            Var w1 = leaf(m.w1, backward);
            Var s = SeExcite.composite(leaf(m.z, backward), w1, leaf(m.b1, backward), leaf(m.w2, backward), leaf(m.b2, backward));
            consume(s.data());
            if (!backward) return forward;
            s.backward(m.ds, false);
            consume(w1.grad());
        }
        return 4 * forward;
    }

    /**
     * The windowed attention of the model from its context vectors, through autograd on the CPU: q = video^T wq,
     * k = audio^T wk, v = audio^T wv, then attention (the op or its composite); backward gives the projection gradients.
     */
    public static double runWindowedWithProjections(boolean fused, boolean backward) {
        Var wq = Var.param(Projected.WQ), wk = Var.param(Projected.WK), wv = Var.param(Projected.WV);
        Var video = Var.constant(Projected.VIDEO.transpose(1, 2)), audio = Var.constant(Projected.AUDIO.transpose(1, 2));
        Var q = video.matmul(wq), k = audio.matmul(wk), v = audio.matmul(wv);                // (8, 16, 64), (8, 208, 64)
        double scale = 1 / Math.sqrt(64);
        Var out = fused ? WindowedAttention.apply(q, k, v, 4, scale) : WindowedAttention.composite(q, k, v, 4, scale);
        Attention shape = on(Device.CPU).windowed;
        double projections = 2.0 * 8 * (16 * 1024 * 64 + 2 * 208 * 32 * 64);
        if (!backward) return projections + shape.forwardFlops();
        out.backward(Projected.SEED, false);
        on(Device.CPU).consume(wq.grad());
        // backward: the attention's, plus one product per weight gradient (the context vectors are constants)
        return 2 * projections + shape.forwardFlops() + shape.backwardFlops();
    }

    /** attn-windowed from the context vectors: video (8, 1024, 16), audio (8, 32, 208), projections to D 64. */
    private static final class Projected {
        static final Tensor VIDEO = randn(Device.CPU, 5, 8, 1024, 16), AUDIO = randn(Device.CPU, 6, 8, 32, 208);
        static final Tensor WQ = randn(Device.CPU, 7, 1024, 64).mul(1 / 32.0), WK = randn(Device.CPU, 8, 32, 64).mul(0.18);
        static final Tensor WV = randn(Device.CPU, 9, 32, 64).mul(0.18), SEED = randn(Device.CPU, 10, 8, 16, 64);
    }

    private static Var leaf(Tensor t, boolean backward) { return backward ? Var.param(t) : Var.constant(t); }

    private volatile Tensor last;

    // keeps results observable so the JIT cannot drop the work
    private void consume(Tensor t) { last = t; }

    /** The last result a call produced (reading one of its values waits for a device to finish the call). */
    public Tensor lastResult() { return last; }

    private static Tensor randn(Device device, long seed, int... shape) {
        return Tensor.random(RandomKind.NORMAL, seed, 0, 1, DType.F32, device, shape);
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
