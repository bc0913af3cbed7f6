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
     * One training step (forward, backward, Adam, inside a memory scope as training runs it) of the tiny proposed model
     * (window fusion + class maps) on a batch of 8, on {@code cpu} (the fast kernels) or, with {@code reference}, on
     * {@code cpu:ref} (every op on its plain reference). FLOPs are not counted (NaN): compare times.
     */
    public static Workload trainStep(boolean reference) {
        tandem.tensor.Device device = reference ? tandem.tensor.Device.CPU_REFERENCE : tandem.tensor.Device.CPU;
        tandem.nn.Seeds.set(1);
        tandem.emotion.model.ModelSpec spec = tandem.emotion.model.ModelSpec.parse("preset=tiny,fusion=window,head=classmap");
        tandem.emotion.model.EmotionModel model = new tandem.emotion.model.EmotionModel(spec);
        model.to(device);
        tandem.nn.optim.Adam adam = new tandem.nn.optim.Adam(model.parameters(), 1e-3);
        int[] v = spec.preset().videoShape(), a = spec.preset().audioShape();
        tandem.autograd.Var video = tandem.autograd.Var.constant(tandem.tensor.Tensor.randn(1, 8, v[0], v[1], v[2], v[3]).to(device));
        tandem.autograd.Var audio = tandem.autograd.Var.constant(tandem.tensor.Tensor.randn(2, 8, a[0], a[1]).to(device));
        int[] labels = {0, 1, 2, 3, 0, 1, 2, 3};
        return new Workload() {
            @Override public double flops() { return Double.NaN; }

            @Override public float run() {
                return (float) tandem.nn.TrainStep.run(adam, () -> tandem.nn.loss.CrossEntropyLoss.apply(model.forward(video, audio), labels));
            }
        };
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
        double flops = once.getAsDouble();
        return new Workload() {
            @Override public double flops() { return flops; }

            @Override public float run() { return (float) once.getAsDouble(); }
        };
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
        return switch (impl) {
            case "fast" -> new Fixed(flops, () -> {
                Sgemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
                if (backward) {
                    Sgemm.sgemm(false, true, m, k, n, 1f, dc, 0, n, b, 0, n, 0f, da, 0, k);
                    Sgemm.sgemm(true, false, k, n, m, 1f, a, 0, k, dc, 0, n, 0f, db, 0, n);
                }
                return c[7] + da[11] + db[13];
            });
            case "v1" -> {
                if (backward) throw new IllegalArgumentException("gemm v1 has no transposed products; use pass fwd");
                yield new Fixed(flops, () -> {
                    SgemmV1.matmul(a, b, c, m, k, n, tandem.tensor.Tandem.numThreads());
                    return c[7];
                });
            }
            case "ref" -> {
                double[] ad = toDouble(a), bd = toDouble(b);
                if (backward) throw new IllegalArgumentException("the gemm reference has no transposed products; use pass fwd");
                yield new Fixed(flops, () -> (float) MatmulRef.matmul(ad, bd, 1, m, k, n)[7]);
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
        return new Fixed(k.forwardFlops() * (backward ? 3 : 1), () -> {
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
        return new Fixed(k.forwardFlops() * (backward ? 3 : 1), () -> {
            double[] y = ConvRef.forward(x, k.x(), w, k.w(), k.spec());
            double s = y[y.length / 2];
            if (backward) {
                s += ConvRef.backwardData(dy, ys, w, k.w(), k.spec(), k.x())[1];
                s += ConvRef.backwardWeight(x, k.x(), dy, ys, k.spec(), k.w())[1];
            }
            return (float) s;
        });
    }

    private record Fixed(double flops, Supplier<Float> body) implements Workload {
        @Override
        public float run() { return body.get(); }
    }
}
