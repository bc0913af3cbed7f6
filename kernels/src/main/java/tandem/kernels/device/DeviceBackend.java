package tandem.kernels.device;

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
import tandem.tensor.memory.Storage;
import tandem.tensor.profile.Profiler;

/**
 * The Backend contract for any device that runs the shared kernel sources. The op logic (shapes, strides, which
 * kernel, what grid) lives in the {@code *Ops} classes of this package and is the same for OpenCL and CUDA;
 * a runtime subclass only allocates, copies, compiles and launches.
 */
public abstract class DeviceBackend implements Backend {
    // ---- what a runtime provides ------------------------------------------------------------------------------
    /** A device buffer of {@code length} elements whose contents are undefined. */
    protected abstract Storage newBuffer(DType dtype, long length);

    /** Sets every byte of {@code s} to zero. */
    protected abstract void zero(Storage s);

    /** Copies the whole of an F32 storage into {@code out} (its length), waiting for the device. */
    protected abstract void readInto(Storage s, float[] out);

    /** Copies the whole of an F64 storage into {@code out} (its length), waiting for the device. */
    protected abstract void readInto(Storage s, double[] out);

    @Override
    public final float[] downloadF32(Storage s) {
        if (s.dtype() != DType.F32) return tandem.tensor.memory.HostArrays.toF32(downloadF64(s));
        float[] out = new float[(int) s.length()];
        if (out.length > 0) readInto(s, out);
        return out;
    }

    @Override
    public final double[] downloadF64(Storage s) {
        if (s.dtype() != DType.F64) return tandem.tensor.memory.HostArrays.toF64(downloadF32(s));
        double[] out = new double[(int) s.length()];
        if (out.length > 0) readInto(s, out);
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
    /** Launches a kernel; a grid with no work is skipped, since neither API accepts empty launches. */
    public final void launch(String name, DType program, KernelArgs args, Grid grid) {
        for (long g : grid.global()) if (g == 0) return;
        if (Profiler.isRecording()) Profiler.deviceKernel(enqueueTimed(name, program, args, grid));
        else enqueue(name, program, args, grid);
    }

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

    // ---- fused optimizer updates (not part of Backend: used by optimizers that know the device) ----------------
    /** One SGD step in place; see {@link OptimizerOps#sgdMomentum}. */
    public void sgdMomentumStep(Tensor param, Tensor grad, Tensor momentumBuffer, double lr, double momentum,
                                double dampening, double weightDecay, boolean nesterov, boolean firstStep) {
        OptimizerOps.sgdMomentum(this, param, grad, momentumBuffer, lr, momentum, dampening, weightDecay, nesterov, firstStep);
    }

    /** One Adam (or AdamW, when {@code decoupled}) step in place; {@code step} counts from 1. */
    public void adamStep(Tensor param, Tensor grad, Tensor m, Tensor v, double lr, double beta1, double beta2,
                         double eps, double weightDecay, boolean decoupled, long step) {
        OptimizerOps.adam(this, param, grad, m, v, lr, beta1, beta2, eps, weightDecay, decoupled, step);
    }
}
