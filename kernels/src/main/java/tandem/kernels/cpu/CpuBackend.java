package tandem.kernels.cpu;

import java.util.Arrays;
import tandem.kernels.cpu.fast.AdamStep;
import tandem.kernels.cpu.fast.BatchNormF32;
import tandem.kernels.cpu.fast.FastConv;
import tandem.kernels.cpu.fast.PoolF32;
import tandem.kernels.cpu.fast.SeExciteF64;
import tandem.kernels.cpu.fast.SeExciteF32;
import tandem.kernels.cpu.fast.SgdStep;
import tandem.kernels.cpu.fast.Sgemm;
import tandem.kernels.cpu.fast.StridedF32;
import tandem.kernels.cpu.fast.WindowAttentionF64;
import tandem.kernels.cpu.fast.WindowAttentionF32;
import tandem.kernels.cpu.ref.BatchNormRef;
import tandem.kernels.cpu.ref.ConvRef;
import tandem.kernels.cpu.ref.ElementwiseRef;
import tandem.kernels.cpu.ref.MatmulRef;
import tandem.kernels.cpu.ref.PoolRef;
import tandem.kernels.cpu.ref.ReduceRef;
import tandem.kernels.cpu.ref.SoftmaxRef;
import tandem.kernels.cpu.ref.Strided;
import tandem.tensor.BinaryOp;
import tandem.tensor.ConvSpec;
import tandem.tensor.CounterRng;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.PoolSpec;
import tandem.tensor.RandomKind;
import tandem.tensor.ReduceOp;
import tandem.tensor.Shape;
import tandem.tensor.Tensor;
import tandem.tensor.UnaryOp;
import tandem.tensor.backend.Backend;
import tandem.tensor.backend.FusedOp;
import tandem.tensor.memory.CpuStorage;
import tandem.tensor.memory.HostArrays;
import tandem.tensor.memory.Storage;

/**
 * The CPU backend. Every primitive here runs its plain reference (package {@code ref}): inputs are gathered into
 * contiguous {@code double[]}, computed in double, and stored back in the input dtype. That keeps one simple
 * reference for F32 and F64 alike; the gather costs O(n) beside kernels that cost far more. The exceptions are
 * F32 matmul, convolution, batch norm and pooling, which run the kernels of package {@code fast} (F64 stays on the
 * reference, so gradient checks still compare against it).
 */
public final class CpuBackend implements Backend {
    private static volatile boolean referenceOnly = !VectorApi.AVAILABLE;

    /**
     * Routes every op to its plain reference (and windowed attention and SE to autograd's compositions), for
     * benchmarks that compare the fast kernels with the references on the same work. Off by default; always on in a JVM
     * started without {@code --add-modules jdk.incubator.vector}, where the fast kernels cannot load ({@link VectorApi}).
     */
    public static void useReferenceKernels(boolean on) { referenceOnly = on || !VectorApi.AVAILABLE; }

    public CpuBackend() {
        VectorApi.tellIfMissing();
    }

    /** True when these tensors take the fast F32 kernels. */
    private static boolean fast(Tensor... ts) {
        if (referenceOnly) return false;
        for (Tensor t : ts) if (t.dtype() != DType.F32) return false;
        return true;
    }

    @Override
    public Device device() { return Device.CPU; }

    // ---- memory -------------------------------------------------------------------------------------------
    @Override
    public Storage allocate(DType dtype, long length) { return CpuStorage.allocate(dtype, length); }

    @Override
    public Storage upload(float[] host) { return CpuStorage.wrap(host.clone()); }

    @Override
    public Storage upload(double[] host) { return CpuStorage.wrap(host.clone()); }

    @Override
    public float[] downloadF32(Storage s) {
        CpuStorage c = (CpuStorage) s;
        return c.dtype() == DType.F32 ? c.f32().clone() : HostArrays.toF32(c.f64());
    }

    @Override
    public double[] downloadF64(Storage s) {
        CpuStorage c = (CpuStorage) s;
        return c.dtype() == DType.F64 ? c.f64().clone() : HostArrays.toF64(c.f32());
    }

    // ---- gather / scatter between views and double[] -----------------------------------------------------
    /** The view's elements, row-major, as doubles. */
    static double[] read(Tensor t) {
        CpuStorage s = (CpuStorage) t.storage();
        int[] off = Strided.offsets(t.shape(), t.strides(), t.offset());
        double[] out = new double[off.length];
        if (s.dtype() == DType.F32) {
            float[] a = s.f32();
            for (int i = 0; i < off.length; i++) out[i] = a[off[i]];
        } else {
            double[] a = s.f64();
            for (int i = 0; i < off.length; i++) out[i] = a[off[i]];
        }
        return out;
    }

    /** The F32 view's elements, row-major: the backing array itself when the view is dense, else a gathered copy. */
    static float[] denseF32(Tensor t) {
        float[] a = ((CpuStorage) t.storage()).f32();
        if (t.isDense()) return a;
        int[] off = Strided.offsets(t.shape(), t.strides(), t.offset());
        float[] out = new float[off.length];
        for (int i = 0; i < off.length; i++) out[i] = a[off[i]];
        return out;
    }

    /** A new contiguous tensor of {@code dtype} holding {@code values}. */
    static Tensor wrap(double[] values, DType dtype, int[] shape) {
        if (dtype == DType.F64) return Tensor.of(CpuStorage.wrap(values), shape);
        CpuStorage out = CpuStorage.allocateForOverwrite(DType.F32, values.length);   // every element written below
        float[] f = out.f32();
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return Tensor.of(out, shape);
    }

    private static void write(Tensor dst, double[] values) {
        CpuStorage s = (CpuStorage) dst.storage();
        int[] off = Strided.offsets(dst.shape(), dst.strides(), dst.offset());
        for (int i = 0; i < off.length; i++) s.set(off[i], values[i]);
    }

    /** An F32 operand as the fast strided kernels see it, broadcast to {@code shape}. */
    private static StridedF32.View view(Tensor t, int[] shape) {
        Tensor e = Arrays.equals(t.shape(), shape) ? t : t.expand(shape);
        return new StridedF32.View(((CpuStorage) t.storage()).f32(), e.strides(), (int) e.offset());
    }

    /** A pooled array for a result every element of which the kernel writes; {@link #f32} adopts it. */
    private static float[] outF32(int[] shape) {
        return tandem.tensor.memory.BufferPool.global().takeF32((int) Shape.numel(shape), false);
    }

    private static Tensor f32(float[] values, int[] shape) {
        return Tensor.of(CpuStorage.adopt(values), shape);
    }

    // ---- layout -------------------------------------------------------------------------------------------
    @Override
    public Tensor copy(Tensor x) {
        if (fast(x)) return f32(StridedF32.copy(view(x, x.shape()), x.shape(), outF32(x.shape())), x.shape());
        return wrap(read(x), x.dtype(), x.shape());
    }

    @Override
    public Tensor cast(Tensor x, DType dtype) { return wrap(read(x), dtype, x.shape()); }

    @Override
    public void fill(Tensor dst, double value) {
        if (fast(dst)) {
            StridedF32.assign(view(dst, dst.shape()), null, (float) value, dst.shape());
            return;
        }
        double[] v = new double[(int) dst.numel()];
        Arrays.fill(v, value);
        write(dst, v);
    }

    @Override
    public void assign(Tensor dst, Tensor src) {
        dst.requireSameDeviceAndType("assign", src);
        if (!Arrays.equals(Shape.broadcast("assign", src.shape(), dst.shape()), dst.shape())) {
            throw new IllegalArgumentException("assign: source " + Shape.str(src.shape()) + " does not broadcast to destination "
                    + Shape.str(dst.shape()));
        }
        if (fast(dst)) {
            // a snapshot of src first: dst and src may overlap (views of one storage)
            Tensor snapshot = copy(src);
            StridedF32.assign(view(dst, dst.shape()), view(snapshot, dst.shape()), 0f, dst.shape());
            return;
        }
        write(dst, read(src.expand(dst.shape())));
    }

    // ---- elementwise and reductions -------------------------------------------------------------------------
    @Override
    public Tensor unary(UnaryOp op, Tensor x, double param) {
        if (fast(x)) {
            return f32(StridedF32.unary(op, (float) param, view(x, x.shape()), x.shape(), outF32(x.shape())), x.shape());
        }
        double[] v = read(x);
        for (int i = 0; i < v.length; i++) v[i] = ElementwiseRef.unary(op, v[i], param);
        return wrap(v, x.dtype(), x.shape());
    }

    @Override
    public Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        a.requireSameDeviceAndType(op.name().toLowerCase(), b);
        int[] shape = Shape.broadcast(op.name().toLowerCase(), a.shape(), b.shape());
        if (fast(a)) return f32(StridedF32.binary(op, view(a, shape), view(b, shape), shape, outF32(shape)), shape);
        double[] x = read(a.expand(shape)), y = read(b.expand(shape));
        for (int i = 0; i < x.length; i++) x[i] = ElementwiseRef.binary(op, x[i], y[i]);
        return wrap(x, a.dtype(), shape);
    }

    @Override
    public Tensor where(Tensor cond, Tensor a, Tensor b) {
        a.requireSameDeviceAndType("where", b);
        int[] shape = Shape.broadcast("where", Shape.broadcast("where", cond.shape(), a.shape()), b.shape());
        double[] c = read(cond.expand(shape)), x = read(a.expand(shape)), y = read(b.expand(shape));
        for (int i = 0; i < x.length; i++) x[i] = c[i] != 0 ? x[i] : y[i];
        return wrap(x, a.dtype(), shape);
    }

    @Override
    public Tensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepDims) {
        if ((op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN) && axes.length != 1) {
            throw new IllegalArgumentException(op.name().toLowerCase() + ": needs exactly one axis, got " + Arrays.toString(axes));
        }
        int[] shape = x.shape();
        if (fast(x) && (op == ReduceOp.SUM || op == ReduceOp.MEAN || op == ReduceOp.MAX)) {
            return reduceF32(op, x, axes, keepDims);
        }
        double[] out = ReduceRef.reduce(op, read(x), shape, axes);
        return wrap(out, x.dtype(), reducedShape(shape, axes, keepDims));
    }

    /** Moves the reduced axes last (a view), makes that dense, and reduces runs of consecutive elements. */
    private Tensor reduceF32(ReduceOp op, Tensor x, int[] axes, boolean keepDims) {
        int[] shape = x.shape();
        int[] order = new int[shape.length];
        boolean[] reduced = new boolean[shape.length];
        for (int a : axes) reduced[a] = true;
        int k = 0;
        long inner = 1;
        for (int i = 0; i < shape.length; i++) if (!reduced[i]) order[k++] = i;
        for (int a : axes) {
            order[k++] = a;
            inner *= shape[a];
        }
        Tensor moved = x.permute(order);
        float[] dense = ((CpuStorage) (moved.isDense() ? moved : copy(moved)).storage()).f32();
        int[] outShape = reducedShape(shape, axes, keepDims);
        int runs = (int) Shape.numel(outShape);
        float[] out = outF32(outShape);
        if (inner == 0) {
            Arrays.fill(out, op == ReduceOp.MAX ? Float.NEGATIVE_INFINITY : op == ReduceOp.MEAN ? Float.NaN : 0f);
        } else if (op == ReduceOp.MAX) {
            StridedF32.maxRuns(dense, runs, (int) inner, out);
        } else {
            StridedF32.sumRuns(dense, runs, (int) inner, op == ReduceOp.MEAN, out);
        }
        return f32(out, outShape);
    }

    static int[] reducedShape(int[] shape, int[] axes, boolean keepDims) {
        int[] kept = shape.clone();
        for (int a : axes) kept[a] = 1;
        if (keepDims) return kept;
        int[] out = new int[shape.length - axes.length];
        for (int i = 0, j = 0, k = 0; i < shape.length; i++) {
            if (k < axes.length && axes[k] == i) { k++; continue; }
            out[j++] = shape[i];
        }
        return out;
    }

    // ---- linear algebra -------------------------------------------------------------------------------------
    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        a.requireSameDeviceAndType("matmul", b);
        int[] as = a.shape(), bs = b.shape();
        if (as.length < 2 || bs.length < 2 || as[as.length - 1] != bs[bs.length - 2]) {
            throw new IllegalArgumentException("matmul: shapes " + Shape.str(as) + " and " + Shape.str(bs)
                    + " do not fit (need (..., M, K) @ (..., K, N))");
        }
        int m = as[as.length - 2], k = as[as.length - 1], n = bs[bs.length - 1];
        int[] batch = Shape.broadcast("matmul", Arrays.copyOf(as, as.length - 2), Arrays.copyOf(bs, bs.length - 2));
        int[] aFull = concat(batch, m, k), bFull = concat(batch, k, n);
        int nb = (int) Shape.numel(batch);
        if (fast(a, b)) {
            float[] c = Sgemm.matmul(denseF32(a.expand(aFull)), denseF32(b.expand(bFull)), nb, m, k, n);
            return Tensor.of(CpuStorage.adopt(c), concat(batch, m, n));
        }
        double[] c = MatmulRef.matmul(read(a.expand(aFull)), read(b.expand(bFull)), nb, m, k, n);
        return wrap(c, a.dtype(), concat(batch, m, n));
    }

    private static int[] concat(int[] head, int x, int y) {
        int[] s = Arrays.copyOf(head, head.length + 2);
        s[head.length] = x;
        s[head.length + 1] = y;
        return s;
    }

    // ---- convolution ----------------------------------------------------------------------------------------
    @Override
    public Tensor convForward(Tensor x, Tensor w, ConvSpec spec) {
        x.requireSameDeviceAndType("conv", w);
        int[] ys = spec.outputShape("conv" + spec.dims() + "d", x.shape(), w.shape());
        if (fast(x, w)) {
            return Tensor.of(CpuStorage.adopt(FastConv.forward(denseF32(x), x.shape(), denseF32(w), w.shape(), spec)), ys);
        }
        return wrap(ConvRef.forward(read(x), x.shape(), read(w), w.shape(), spec), x.dtype(), ys);
    }

    @Override
    public Tensor convBackwardData(Tensor dy, Tensor w, ConvSpec spec, int[] xShape) {
        dy.requireSameDeviceAndType("conv_bwd_data", w);
        checkGradientShape("conv_bwd_data", dy.shape(), spec.outputShape("conv_bwd_data", xShape, w.shape()));
        if (fast(dy, w)) {
            return Tensor.of(CpuStorage.adopt(FastConv.backwardData(denseF32(dy), dy.shape(), denseF32(w), w.shape(), spec, xShape)), xShape);
        }
        return wrap(ConvRef.backwardData(read(dy), dy.shape(), read(w), w.shape(), spec, xShape), dy.dtype(), xShape);
    }

    @Override
    public Tensor convBackwardWeight(Tensor x, Tensor dy, ConvSpec spec, int[] wShape) {
        x.requireSameDeviceAndType("conv_bwd_weight", dy);
        checkGradientShape("conv_bwd_weight", dy.shape(), spec.outputShape("conv_bwd_weight", x.shape(), wShape));
        if (fast(x, dy)) {
            return Tensor.of(CpuStorage.adopt(FastConv.backwardWeight(denseF32(x), x.shape(), denseF32(dy), dy.shape(), spec, wShape)), wShape);
        }
        return wrap(ConvRef.backwardWeight(read(x), x.shape(), read(dy), dy.shape(), spec, wShape), x.dtype(), wShape);
    }

    private static void checkGradientShape(String op, int[] dy, int[] expected) {
        if (!Arrays.equals(dy, expected)) {
            throw new IllegalArgumentException(op + ": gradient has shape " + Shape.str(dy) + ", expected " + Shape.str(expected));
        }
    }

    // ---- pooling --------------------------------------------------------------------------------------------
    @Override
    public Tensor maxPoolForward(Tensor x, PoolSpec spec) {
        int[] ys = spec.outputShape("max_pool", x.shape());
        if (fast(x)) return f32(PoolF32.maxForward(denseF32(x), x.shape(), spec, outF32(ys)), ys);
        return wrap(PoolRef.maxForward(read(x), x.shape(), spec), x.dtype(), ys);
    }

    @Override
    public Tensor maxPoolBackward(Tensor x, Tensor dy, PoolSpec spec) {
        x.requireSameDeviceAndType("max_pool_bwd", dy);
        checkGradientShape("max_pool_bwd", dy.shape(), spec.outputShape("max_pool_bwd", x.shape()));
        if (fast(x)) return f32(PoolF32.maxBackward(denseF32(x), x.shape(), denseF32(dy), spec, outF32(x.shape())), x.shape());
        return wrap(PoolRef.maxBackward(read(x), x.shape(), read(dy), spec), x.dtype(), x.shape());
    }

    @Override
    public Tensor avgPoolForward(Tensor x, PoolSpec spec) {
        int[] ys = spec.outputShape("avg_pool", x.shape());
        if (fast(x)) return f32(PoolF32.avgForward(denseF32(x), x.shape(), spec, outF32(ys)), ys);
        return wrap(PoolRef.avgForward(read(x), x.shape(), spec), x.dtype(), ys);
    }

    @Override
    public Tensor avgPoolBackward(Tensor dy, PoolSpec spec, int[] xShape) {
        checkGradientShape("avg_pool_bwd", dy.shape(), spec.outputShape("avg_pool_bwd", xShape));
        if (fast(dy)) return f32(PoolF32.avgBackward(denseF32(dy), spec, xShape, outF32(xShape)), xShape);
        return wrap(PoolRef.avgBackward(read(dy), spec, xShape), dy.dtype(), xShape);
    }

    // ---- normalisation ----------------------------------------------------------------------------------------
    @Override
    public Tensor[] batchNormForward(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar,
                                     boolean training, double momentum, double eps) {
        int[] xs = x.shape();
        if (xs.length < 2) throw new IllegalArgumentException("batch_norm: input must be (B, C, ...), got " + Shape.str(xs));
        int c = xs[1];
        for (Tensor p : new Tensor[] {gamma, beta, runningMean, runningVar}) {
            x.requireSameDeviceAndType("batch_norm", p);
            if (p.numel() != c || p.dim() != 1) {
                throw new IllegalArgumentException("batch_norm: per-channel tensors must be (" + c + ") for input "
                        + Shape.str(xs) + ", got " + Shape.str(p.shape()));
            }
        }
        if (fast(x)) return batchNormForwardF32(x, gamma, beta, runningMean, runningVar, training, momentum, eps);
        double[] rm = read(runningMean), rv = read(runningVar);
        double[][] r = BatchNormRef.forward(read(x), xs, read(gamma), read(beta), rm, rv, training, momentum, eps);
        if (training) {
            write(runningMean, rm);
            write(runningVar, rv);
        }
        return new Tensor[] {wrap(r[0], x.dtype(), xs), wrap(r[1], x.dtype(), new int[] {c}), wrap(r[2], x.dtype(), new int[] {c})};
    }

    /** The running statistics are updated in their own storage: directly when dense, else through a copy written back. */
    private Tensor[] batchNormForwardF32(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar,
                                         boolean training, double momentum, double eps) {
        int[] xs = x.shape(), cs = {xs[1]};
        float[] rm = denseF32(runningMean), rv = denseF32(runningVar);
        BatchNormF32.Forward r = BatchNormF32.forward(denseF32(x), xs, denseF32(gamma), denseF32(beta), rm, rv,
                training, momentum, eps, outF32(xs));
        if (training && !runningMean.isDense()) assign(runningMean, f32(rm, cs));
        if (training && !runningVar.isDense()) assign(runningVar, f32(rv, cs));
        return new Tensor[] {f32(r.y(), xs), f32(r.mean(), cs), f32(r.invStd(), cs)};
    }

    @Override
    public Tensor[] batchNormBackward(Tensor dy, Tensor x, Tensor gamma, Tensor mean, Tensor invStd) {
        int[] xs = x.shape();
        if (xs.length < 2) throw new IllegalArgumentException("batch_norm_bwd: input must be (B, C, ...), got " + Shape.str(xs));
        checkGradientShape("batch_norm_bwd", dy.shape(), xs);
        for (Tensor t : new Tensor[] {dy, gamma, mean, invStd}) x.requireSameDeviceAndType("batch_norm_bwd", t);
        int[] cs = {xs[1]};
        if (fast(x)) {
            BatchNormF32.Backward r = BatchNormF32.backward(denseF32(dy), denseF32(x), xs, denseF32(gamma), denseF32(mean),
                    denseF32(invStd), outF32(xs));
            return new Tensor[] {f32(r.dx(), xs), f32(r.dgamma(), cs), f32(r.dbeta(), cs)};
        }
        double[][] r = BatchNormRef.backward(read(dy), read(x), xs, read(gamma), read(mean), read(invStd));
        return new Tensor[] {wrap(r[0], x.dtype(), xs), wrap(r[1], x.dtype(), cs), wrap(r[2], x.dtype(), cs)};
    }

    // ---- softmax --------------------------------------------------------------------------------------------
    @Override
    public Tensor softmax(Tensor x, int axis, boolean log) {
        return wrap(SoftmaxRef.forward(read(x), x.shape(), axis, log), x.dtype(), x.shape());
    }

    @Override
    public Tensor softmaxBackward(Tensor y, Tensor dy, int axis, boolean log) {
        String op = log ? "log_softmax_bwd" : "softmax_bwd";
        y.requireSameDeviceAndType(op, dy);
        checkGradientShape(op, dy.shape(), y.shape());
        return wrap(SoftmaxRef.backward(read(y), read(dy), y.shape(), axis, log), y.dtype(), y.shape());
    }

    // ---- random ---------------------------------------------------------------------------------------------
    @Override
    public Tensor random(RandomKind kind, int[] shape, DType dtype, long seed, long offset, double a, double b) {
        double[] v = new double[(int) Shape.numel(shape)];
        for (int i = 0; i < v.length; i++) v[i] = CounterRng.sample(kind, seed, offset + i, a, b);
        return wrap(v, dtype, shape);
    }

    // ---- fused ops (attention and SE: F32 on the Vector API, F64 in plain double loops; optimizer steps in double) --
    /** Every fused op, except that the reference switch hands attention and SE to autograd's composites. */
    @Override
    public boolean hasFused(FusedOp op) {
        return switch (op) {
            case WINDOW_ATTENTION, SE_EXCITE -> !referenceOnly;
            case ADAM_STEP, SGD_STEP -> true;
        };
    }

    @Override
    public Tensor[] windowAttentionForward(Tensor q, Tensor k, Tensor v, int windows, double scale) {
        return q.dtype() == DType.F32 ? WindowAttentionF32.forward(q, k, v, windows, scale)
                : WindowAttentionF64.forward(q, k, v, windows, scale);
    }

    @Override
    public Tensor[] windowAttentionBackward(Tensor q, Tensor k, Tensor v, Tensor out, Tensor logsumexp, Tensor dOut,
                                            int windows, double scale) {
        return q.dtype() == DType.F32 ? WindowAttentionF32.backward(q, k, v, out, logsumexp, dOut, windows, scale)
                : WindowAttentionF64.backward(q, k, v, out, logsumexp, dOut, windows, scale);
    }

    @Override
    public Tensor windowAttentionWeights(Tensor q, Tensor k, int windows, double scale) {
        return WindowAttentionF64.weights(q, k, windows, scale);
    }

    @Override
    public Tensor seExciteForward(Tensor z, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
        return z.dtype() == DType.F32 ? SeExciteF32.forward(z, w1, b1, w2, b2) : SeExciteF64.forward(z, w1, b1, w2, b2);
    }

    @Override
    public Tensor[] seExciteBackward(Tensor z, Tensor w1, Tensor b1, Tensor w2, Tensor b2, Tensor ds) {
        return z.dtype() == DType.F32 ? SeExciteF32.backward(z, w1, b1, w2, b2, ds) : SeExciteF64.backward(z, w1, b1, w2, b2, ds);
    }

    @Override
    public void sgdMomentumStep(Tensor param, Tensor grad, Tensor momentumBuffer, double lr, double momentum,
                                double dampening, double weightDecay, boolean nesterov, boolean firstStep) {
        SgdStep.apply(param, grad, momentumBuffer, lr, momentum, dampening, weightDecay, nesterov, firstStep);
    }

    @Override
    public void adamStep(Tensor param, Tensor grad, Tensor m, Tensor v, double lr, double beta1, double beta2,
                         double eps, double weightDecay, boolean decoupled, long step) {
        AdamStep.apply(param, grad, m, v, lr, beta1, beta2, eps, weightDecay, decoupled, step);
    }
}
