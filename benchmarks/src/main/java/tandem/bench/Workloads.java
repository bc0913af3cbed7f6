package tandem.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import tandem.kernels.cpu.fast.FastConv;
import tandem.kernels.cpu.fast.Sgemm;
import tandem.kernels.cpu.fast.SgemmV1;
import tandem.kernels.cpu.ref.ConvRef;
import tandem.kernels.cpu.ref.MatmulRef;
import tandem.tensor.Shape;

/**
 * Builds the workloads both BenchMain and the JMH suites run. Ops: the GEMM shapes of {@link GemmCase} and the
 * convolutions of {@link ConvCase}; passes: {@code fwd}, or {@code fwdbwd} = forward + backward-data + backward-weight
 * (for gemm: C = AB, dA = dC B^T, dB = A^T dC), three times the forward FLOPs; implementations: {@code fast} (the
 * Vector API kernels the CPU backend runs for F32), {@code ref} (the plain double reference) and, for gemm, {@code v1}
 * and {@code openblas} (the BLAS rival, {@link OpenBlasGemm}).
 */
public final class Workloads {
    /** The side of the square GEMM, {@code gemm}. */
    public static final int GEMM_N = 1024;

    private Workloads() {}

    public static Workload create(String op, String pass, String impl) {
        boolean backward = switch (pass) {
            case "fwd" -> false;
            case "fwdbwd" -> true;
            default -> throw new IllegalArgumentException("unknown pass '" + pass + "' (fwd or fwdbwd)");
        };
        GemmCase g = GemmCase.byId(op);
        if (g != null) return gemm(g, backward, impl);
        if (FUSED.contains(op)) return fused(op, backward, impl);
        if (op.equals("train-step-tiny")) return trainStep(impl.equals("ref"));
        ConvCase c = ConvCase.byId(op);
        return switch (impl) {
            case "fast" -> fastConv(c, backward);
            case "ref" -> refConv(c, backward);
            default -> throw new IllegalArgumentException("unknown implementation '" + impl + "' for " + op + " (fast or ref)");
        };
    }

    /**
     * One training step (forward, backward, Adam, inside a memory scope as training runs it) of the tiny proposed
     * model (window fusion + class maps) on a batch of 8, on {@code cpu} (the fast kernels) or, with {@code reference},
     * on {@code cpu:ref} (every op on its plain reference). FLOPs and bytes are the sums over its backend ops, counted by
     * the profiler on one step.
     */
    public static Workload trainStep(boolean reference) {
        return trainStep("preset=tiny,fusion=window,head=classmap", 8, reference);
    }

    /** One training step of the model {@code modelSpec} on a batch of {@code batch} random clips; see {@link #trainStep(boolean)}. */
    public static Workload trainStep(String modelSpec, int batch, boolean reference) {
        tandem.tensor.Device device = reference ? tandem.tensor.Device.CPU_REFERENCE : tandem.tensor.Device.CPU;
        tandem.nn.Seeds.set(1);
        tandem.emotion.model.ModelSpec spec = tandem.emotion.model.ModelSpec.parse(modelSpec);
        tandem.emotion.model.EmotionModel model = new tandem.emotion.model.EmotionModel(spec);
        model.to(device);
        tandem.nn.optim.Adam adam = new tandem.nn.optim.Adam(model.parameters(), 1e-3);
        int[] v = spec.preset().videoShape(), a = spec.preset().audioShape();
        tandem.autograd.Var video = tandem.autograd.Var.constant(tandem.tensor.Tensor.randn(1, batch, v[0], v[1], v[2], v[3]).to(device));
        tandem.autograd.Var audio = tandem.autograd.Var.constant(tandem.tensor.Tensor.randn(2, batch, a[0], a[1]).to(device));
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) labels[i] = i % 4;
        Supplier<Float> step = () ->
                (float) tandem.nn.TrainStep.run(adam, () -> tandem.nn.loss.CrossEntropyLoss.apply(model.forward(video, audio), labels));
        OpCount count = OpCount.of(step);
        return new Fixed(count.flops(), count.bytes(), step);
    }

    /**
     * FLOPs and bytes of one call of {@code body}: the sums over the backend ops a profiler records during it. A first
     * call runs unrecorded, so that what only happens once (inputs drawn on first use, optimizer state created on the
     * first step) is not counted.
     */
    record OpCount(double flops, double bytes) {
        static OpCount of(Supplier<Float> body) {
            body.get();
            try (tandem.tensor.profile.Profiler p = tandem.tensor.profile.Profiler.start()) {
                body.get();
                double flops = 0, bytes = 0;
                for (tandem.tensor.profile.OpSummary s : p.stop().byOp()) {
                    flops += s.flops();
                    bytes += s.bytes();
                }
                return new OpCount(flops, bytes);
            }
        }
    }

    /** The fused ops of the proposed model, each fused or as its composition of primitives ({@link FusedOps}). */
    public static final List<String> FUSED = List.of("attn-full", "attn-windowed", "se-classmap");

    private static Workload fused(String op, boolean backward, String impl) {
        boolean fused = switch (impl) {
            case "fused", "fast" -> true;
            case "composite" -> false;
            default -> throw new IllegalArgumentException("unknown implementation '" + impl + "' for " + op + " (fused or composite)");
        };
        DoubleSupplier once = switch (op) {
            case "attn-full" -> () -> FusedOps.runFull(fused, backward);
            case "attn-windowed" -> () -> FusedOps.runWindowed(fused, backward);
            default -> () -> FusedOps.runSeClassMap(fused, backward);
        };
        double[] flops = new double[1];
        // FLOPs are the algorithm's (the same for both paths); bytes are what the calls move, so a composite, which
        // writes and reads back its intermediates, sits lower on the roofline than the fused op
        OpCount count = OpCount.of(() -> (float) (flops[0] = once.getAsDouble()));
        return new Fixed(flops[0], count.bytes(), () -> (float) once.getAsDouble());
    }

    static float[] random(long n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) v[i] = (float) (r.nextDouble() * 2 - 1);
        return v;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    private static Workload gemm(GemmCase g, boolean backward, String impl) {
        int m = g.m(), n = g.n(), k = g.k();
        if (impl.equals("openblas")) return OpenBlasGemm.workload(g, backward);
        float[] a = random((long) m * k, 1), b = random((long) k * n, 2), c = new float[m * n];
        float[] dc = random((long) m * n, 3), da = new float[m * k], db = new float[k * n];
        double flops = g.flops() * (backward ? 3 : 1);
        // each product reads two matrices and writes one
        double bytes = (double) Float.BYTES * ((long) m * k + (long) k * n + (long) m * n) * (backward ? 3 : 1);
        return switch (impl) {
            case "fast" -> new Fixed(flops, bytes, () -> {
                Sgemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
                if (backward) {
                    Sgemm.sgemm(false, true, m, k, n, 1f, dc, 0, n, b, 0, n, 0f, da, 0, k);
                    Sgemm.sgemm(true, false, k, n, m, 1f, a, 0, k, dc, 0, n, 0f, db, 0, n);
                }
                return c[7] + da[11] + db[13];
            });
            case "v1" -> {
                if (backward) throw new IllegalArgumentException("gemm v1 has no transposed products; use pass fwd");
                yield new Fixed(flops, bytes, () -> {
                    SgemmV1.matmul(a, b, c, m, k, n, tandem.tensor.Tandem.numThreads());
                    return c[7];
                });
            }
            case "ref" -> {
                double[] ad = toDouble(a), bd = toDouble(b);
                if (backward) throw new IllegalArgumentException("the gemm reference has no transposed products; use pass fwd");
                yield new Fixed(flops, 2 * bytes, () -> (float) MatmulRef.matmul(ad, bd, 1, m, k, n)[7]);
            }
            default -> throw new IllegalArgumentException("unknown implementation '" + impl + "' for " + g.id()
                    + " (fast, v1, ref or openblas)");
        };
    }

    private static Workload fastConv(ConvCase k, boolean backward) {
        float[] x = random(Shape.numel(k.x()), 4), w = random(Shape.numel(k.w()), 5), dy = random(Shape.numel(k.y()), 6);
        int[] ys = k.y();
        // results come from the buffer pool and go back to it, as a training step inside a memory scope does;
        // otherwise every call would fault in fresh memory (100 MB for the stem's output) and time that instead
        tandem.tensor.memory.BufferPool pool = tandem.tensor.memory.BufferPool.global();
        return new Fixed(k.forwardFlops() * (backward ? 3 : 1), k.bytes(Float.BYTES) * (backward ? 3 : 1), () -> {
            float[] y = FastConv.forward(x, k.x(), w, k.w(), k.spec());
            float s = y[y.length / 2];
            pool.give(y);
            if (backward) {
                float[] dx = FastConv.backwardData(dy, ys, w, k.w(), k.spec(), k.x()), dw = FastConv.backwardWeight(x, k.x(), dy, ys, k.spec(), k.w());
                s += dx[1] + dw[1];
                pool.give(dx);
                pool.give(dw);
            }
            return s;
        });
    }

    private static Workload refConv(ConvCase k, boolean backward) {
        double[] x = toDouble(random(Shape.numel(k.x()), 4)), w = toDouble(random(Shape.numel(k.w()), 5));
        double[] dy = toDouble(random(Shape.numel(k.y()), 6));
        int[] ys = k.y();
        return new Fixed(k.forwardFlops() * (backward ? 3 : 1), k.bytes(Double.BYTES) * (backward ? 3 : 1), () -> {
            double[] y = ConvRef.forward(x, k.x(), w, k.w(), k.spec());
            double s = y[y.length / 2];
            if (backward) {
                s += ConvRef.backwardData(dy, ys, w, k.w(), k.spec(), k.x())[1];
                s += ConvRef.backwardWeight(x, k.x(), dy, ys, k.spec(), k.w())[1];
            }
            return (float) s;
        });
    }

    private record Fixed(double flops, double bytes, Supplier<Float> body) implements Workload {
        @Override
        public float run() { return body.get(); }
    }
}
