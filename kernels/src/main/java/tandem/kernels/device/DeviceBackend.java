package tandem.kernels.device;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import tandem.tensor.BinaryOp;
import tandem.tensor.ConvSpec;
import tandem.tensor.DType;
import tandem.tensor.PoolSpec;
import tandem.tensor.RandomKind;
import tandem.tensor.ReduceOp;
import tandem.tensor.Shape;
import tandem.tensor.Tensor;
import tandem.tensor.UnaryOp;
import tandem.tensor.backend.Backend;
import tandem.tensor.backend.FusedOp;
import tandem.tensor.memory.MemoryTracker;
import tandem.tensor.memory.Storage;
import tandem.tensor.profile.Profiler;

/**
 * The Backend contract for any device that runs the shared kernel sources. The op logic (shapes, strides, which
 * kernel, what grid) lives in the {@code *Ops} classes of this package and is the same for OpenCL and CUDA;
 * a runtime subclass only allocates, copies, compiles and launches. Every fused op has its kernel here, launches are
 * counted by kernel name ({@link #kernelLaunches}) and host-device copies by bytes ({@link MemoryTracker}).
 */
public abstract class DeviceBackend implements Backend {
    // ---- what a runtime provides ------------------------------------------------------------------------------
    /** A device buffer of {@code length} elements whose contents are undefined. */
    protected abstract Storage newBuffer(DType dtype, long length);

    /** Sets every byte of {@code s} to zero. */
    protected abstract void zero(Storage s);

    /** Copies {@code host} into the whole of a new F32 storage {@code s} of the same length, waiting for the copy. */
    protected abstract void writeFrom(Storage s, float[] host);

    /** Copies {@code host} into the whole of a new F64 storage {@code s} of the same length, waiting for the copy. */
    protected abstract void writeFrom(Storage s, double[] host);

    /** Copies the whole of an F32 storage into {@code out} (its length), waiting for the device. */
    protected abstract void readInto(Storage s, float[] out);

    /** Copies the whole of an F64 storage into {@code out} (its length), waiting for the device. */
    protected abstract void readInto(Storage s, double[] out);

    @Override
    public final Storage upload(float[] host) {
        return uploaded(newBuffer(DType.F32, host.length), host.length, s -> writeFrom(s, host));
    }

    @Override
    public final Storage upload(double[] host) {
        requireDType("upload", DType.F64);
        return uploaded(newBuffer(DType.F64, host.length), host.length, s -> writeFrom(s, host));
    }

    private Storage uploaded(Storage s, int length, Consumer<Storage> write) {
        if (length > 0) {
            write.accept(s);
            MemoryTracker.uploaded(device(), s.bytes());
        }
        return s;
    }

    @Override
    public final float[] downloadF32(Storage s) {
        if (s.dtype() != DType.F32) return tandem.tensor.memory.HostArrays.toF32(downloadF64(s));
        float[] out = new float[(int) s.length()];
        if (out.length > 0) {
            readInto(s, out);
            MemoryTracker.downloaded(device(), s.bytes());
        }
        return out;
    }

    @Override
    public final double[] downloadF64(Storage s) {
        if (s.dtype() != DType.F64) return tandem.tensor.memory.HostArrays.toF64(downloadF32(s));
        double[] out = new double[(int) s.length()];
        if (out.length > 0) {
            readInto(s, out);
            MemoryTracker.downloaded(device(), s.bytes());
        }
        return out;
    }

    /** Enqueues kernel {@code name} of the program compiled for {@code program} (every size in grid is > 0). */
    protected abstract void enqueue(String name, DType program, KernelArgs args, Grid grid);

    /**
     * Enqueues the kernel, waits for it, and returns the device's own measure of its run time in nanoseconds (from
     * the runtime's events), or -1 where this runtime cannot time kernels. Used only while a profiler records: every
     * launch then waits for its kernel, so the wall time of each op covers its device work too.
     */
    protected long enqueueTimed(String name, DType program, KernelArgs args, Grid grid) {
        enqueue(name, program, args, grid);
        return -1;
    }

    /** True when the device has double arithmetic: F64 tensors, and accumulators in double. */
    public abstract boolean supportsF64();

    /** A human-readable name of the device (platform and model). */
    public abstract String deviceName();

    // ---- shared plumbing --------------------------------------------------------------------------------------
    private final Map<String, LongAdder> launches = new ConcurrentHashMap<>();
    private volatile int convVersion = defaultConvVersion();

    /** Launches a kernel; a grid with no work is skipped, since neither API accepts empty launches. */
    public final void launch(String name, DType program, KernelArgs args, Grid grid) {
        for (long g : grid.global()) if (g == 0) return;
        if (Profiler.isRecording()) Profiler.deviceKernel(enqueueTimed(name, program, args, grid));
        else enqueue(name, program, args, grid);
        launches.computeIfAbsent(name, n -> new LongAdder()).increment();
    }

    @Override
    public final Map<String, Long> kernelLaunches() {
        Map<String, Long> counts = new TreeMap<>();
        launches.forEach((name, n) -> counts.put(name, n.sum()));
        return counts;
    }

    /**
     * Selects the convolution kernels: 1 (conv_fwd.cl and its backwards: one work-item per output, the readable
     * reference) or 2 (the tiled conv_*_v2.cl, the default). {@code -Dtandem.device.conv=1} sets the default.
     */
    public final void useConvVersion(int version) { convVersion = checkConvVersion(version, "useConvVersion"); }

    public final int convVersion() { return convVersion; }

    private static int defaultConvVersion() {
        String v = System.getProperty(CONV_VERSION_PROPERTY, "2").strip();
        try {
            return checkConvVersion(Integer.parseInt(v), "-D" + CONV_VERSION_PROPERTY);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + CONV_VERSION_PROPERTY + " must be 1 or 2, got '" + v + "'");
        }
    }

    private static int checkConvVersion(int version, String where) {
        if (version != 1 && version != 2) throw new IllegalArgumentException(where + ": convolution version must be 1 or 2, got " + version);
        return version;
    }

    /** The system property that picks the default convolution version of every device backend. */
    public static final String CONV_VERSION_PROPERTY = "tandem.device.conv";

    @Override
    public final Storage allocate(DType dtype, long length) {
        requireDType("allocate", dtype);
        Storage s = newBuffer(dtype, length);
        if (length > 0) zero(s);
        return s;
    }

    /** A new contiguous tensor whose contents the caller overwrites completely. */
    final Tensor empty(DType dtype, int[] shape) {
        requireDType("allocate", dtype);
        return Tensor.of(newBuffer(dtype, Shape.numel(shape)), shape);
    }

    /** A new zero-filled contiguous tensor. */
    final Tensor zeros(DType dtype, int[] shape) {
        return Tensor.of(allocate(dtype, Shape.numel(shape)), shape);
    }

    final void requireDType(String op, DType dtype) {
        if (dtype == DType.F64 && !supportsF64()) {
            throw new IllegalArgumentException(op + ": " + device() + " (" + deviceName()
                    + ") has no double precision arithmetic, so F64 tensors cannot live there; use F32");
        }
    }

    /** Every tensor must live on this device; names the op and the offending shape otherwise. */
    final void requireHere(String op, Tensor... tensors) {
        for (Tensor t : tensors) {
            if (!t.device().equals(device())) {
                throw new IllegalArgumentException(op + ": tensor " + Shape.str(t.shape()) + " is on " + t.device()
                        + ", not on " + device() + "; move it with to(Device)");
            }
            requireDType(op, t.dtype());
        }
    }

    final Scratch scratch() { return new Scratch(this); }

    // ---- layout -----------------------------------------------------------------------------------------------
    @Override
    public Tensor copy(Tensor x) { return LayoutOps.copy(this, x); }

    @Override
    public Tensor cast(Tensor x, DType dtype) { return LayoutOps.cast(this, x, dtype); }

    @Override
    public void fill(Tensor dst, double value) { LayoutOps.fill(this, dst, value); }

    @Override
    public void assign(Tensor dst, Tensor src) { LayoutOps.assign(this, dst, src); }

    // ---- elementwise and reductions ---------------------------------------------------------------------------
    @Override
    public Tensor unary(UnaryOp op, Tensor x, double param) { return ElementwiseOps.unary(this, op, x, param); }

    @Override
    public Tensor binary(BinaryOp op, Tensor a, Tensor b) { return ElementwiseOps.binary(this, op, a, b); }

    @Override
    public Tensor where(Tensor cond, Tensor a, Tensor b) { return ElementwiseOps.where(this, cond, a, b); }

    @Override
    public Tensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepDims) {
        return ReduceOps.reduce(this, op, x, axes, keepDims);
    }

    // ---- linear algebra, convolution, pooling -------------------------------------------------------------------
    @Override
    public Tensor matmul(Tensor a, Tensor b) { return MatmulOps.matmul(this, a, b); }

    @Override
    public Tensor convForward(Tensor x, Tensor w, ConvSpec spec) { return ConvOps.forward(this, x, w, spec); }

    @Override
    public Tensor convBackwardData(Tensor dy, Tensor w, ConvSpec spec, int[] xShape) {
        return ConvOps.backwardData(this, dy, w, spec, xShape);
    }

    @Override
    public Tensor convBackwardWeight(Tensor x, Tensor dy, ConvSpec spec, int[] wShape) {
        return ConvOps.backwardWeight(this, x, dy, spec, wShape);
    }

    @Override
    public Tensor maxPoolForward(Tensor x, PoolSpec spec) { return PoolOps.maxForward(this, x, spec); }

    @Override
    public Tensor maxPoolBackward(Tensor x, Tensor dy, PoolSpec spec) { return PoolOps.maxBackward(this, x, dy, spec); }

    @Override
    public Tensor avgPoolForward(Tensor x, PoolSpec spec) { return PoolOps.avgForward(this, x, spec); }

    @Override
    public Tensor avgPoolBackward(Tensor dy, PoolSpec spec, int[] xShape) {
        return PoolOps.avgBackward(this, dy, spec, xShape);
    }

    // ---- normalisation, softmax, random ------------------------------------------------------------------------
    @Override
    public Tensor[] batchNormForward(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar,
                                     boolean training, double momentum, double eps) {
        return BatchNormOps.forward(this, x, gamma, beta, runningMean, runningVar, training, momentum, eps);
    }

    @Override
    public Tensor[] batchNormBackward(Tensor dy, Tensor x, Tensor gamma, Tensor mean, Tensor invStd) {
        return BatchNormOps.backward(this, dy, x, gamma, mean, invStd);
    }

    @Override
    public Tensor softmax(Tensor x, int axis, boolean log) { return SoftmaxOps.forward(this, x, axis, log); }

    @Override
    public Tensor softmaxBackward(Tensor y, Tensor dy, int axis, boolean log) {
        return SoftmaxOps.backward(this, y, dy, axis, log);
    }

    @Override
    public Tensor random(RandomKind kind, int[] shape, DType dtype, long seed, long offset, double a, double b) {
        return RandomOps.random(this, kind, shape, dtype, seed, offset, a, b);
    }

    // ---- fused ops --------------------------------------------------------------------------------------------
    /** Every fused op runs as a kernel of the shared sources. */
    @Override
    public boolean hasFused(FusedOp op) { return true; }

    @Override
    public Tensor[] windowAttentionForward(Tensor q, Tensor k, Tensor v, int windows, double scale) {
        return WindowAttentionOps.forward(this, q, k, v, windows, scale);
    }

    @Override
    public Tensor[] windowAttentionBackward(Tensor q, Tensor k, Tensor v, Tensor out, Tensor logsumexp, Tensor dOut,
                                            int windows, double scale) {
        return WindowAttentionOps.backward(this, q, k, v, out, logsumexp, dOut, windows, scale);
    }

    @Override
    public Tensor windowAttentionWeights(Tensor q, Tensor k, int windows, double scale) {
        return WindowAttentionOps.weights(this, q, k, windows, scale);
    }

    @Override
    public Tensor seExciteForward(Tensor z, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
        return SeExciteOps.forward(this, z, w1, b1, w2, b2);
    }

    @Override
    public Tensor[] seExciteBackward(Tensor z, Tensor w1, Tensor b1, Tensor w2, Tensor b2, Tensor ds) {
        return SeExciteOps.backward(this, z, w1, b1, w2, b2, ds);
    }

    @Override
    public void sgdMomentumStep(Tensor param, Tensor grad, Tensor momentumBuffer, double lr, double momentum,
                                double dampening, double weightDecay, boolean nesterov, boolean firstStep) {
        OptimizerOps.sgdMomentum(this, param, grad, momentumBuffer, lr, momentum, dampening, weightDecay, nesterov, firstStep);
    }

    @Override
    public void adamStep(Tensor param, Tensor grad, Tensor m, Tensor v, double lr, double beta1, double beta2,
                         double eps, double weightDecay, boolean decoupled, long step) {
        OptimizerOps.adam(this, param, grad, m, v, lr, beta1, beta2, eps, weightDecay, decoupled, step);
    }
}
