package tandem.kernels.cpu;

import tandem.kernels.cpu.fast.AdamStep;
import tandem.kernels.cpu.fast.SgdStep;
import tandem.tensor.BinaryOp;
import tandem.tensor.ConvSpec;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.DeviceType;
import tandem.tensor.PoolSpec;
import tandem.tensor.RandomKind;
import tandem.tensor.ReduceOp;
import tandem.tensor.Tensor;
import tandem.tensor.UnaryOp;
import tandem.tensor.backend.Backend;
import tandem.tensor.backend.FusedOp;
import tandem.tensor.memory.CpuStorage;
import tandem.tensor.memory.HostArrays;
import tandem.tensor.memory.Storage;

/**
 * The CPU backend, on two devices. On {@code cpu} F32 tensors take the Vector API kernels of package {@code fast}
 * (GEMM, convolutions, strided elementwise and reductions, pooling, batch norm, fused attention and SE) and F64
 * tensors the plain references of package {@code ref}, so gradient checks still compare against the references. On
 * {@code cpu:ref} ({@link Device#CPU_REFERENCE}) every op runs its reference and the fused ops their compositions of
 * primitives: the same work on both paths, side by side in one process, with no global switch.
 *
 * <p>This class only routes: argument checks live in the tensor module's spec classes ({@code MatmulSpec},
 * {@code ConvSpec}, ...), each op's dispatch in a small {@code *Ops} class of this package (as the device backends'
 * {@code device/*Ops}), and the moves between strided views and flat arrays in {@link HostViews}.
 */
public final class CpuBackend implements Backend {
    private final Device device;
    private final boolean reference;

    /** The backend of {@code cpu}: fast kernels for F32. */
    public CpuBackend() { this(Device.CPU); }

    /** The backend of {@code cpu} or of {@code cpu:ref}. */
    public CpuBackend(Device device) {
        if (device.type() != DeviceType.CPU || device.index() > 1) {
            throw new IllegalArgumentException("there are two cpu devices, cpu (fast kernels) and cpu:ref (every op on its "
                    + "plain reference), not " + device);
        }
        this.device = device;
        this.reference = device.equals(Device.CPU_REFERENCE);
        VectorApi.tellIfMissing();
    }

    /** True on {@code cpu:ref}: every op on its reference. */
    public boolean isReference() { return reference; }

    /** True when these tensors take the fast F32 kernels. */
    boolean fast(Tensor... ts) {
        if (reference || !VectorApi.AVAILABLE) return false;
        for (Tensor t : ts) if (t.dtype() != DType.F32) return false;
        return true;
    }

    @Override
    public Device device() { return device; }

    // ---- memory -------------------------------------------------------------------------------------------
    @Override
    public Storage allocate(DType dtype, long length) { return CpuStorage.allocate(device, dtype, length); }

    @Override
    public Storage upload(float[] host) { return CpuStorage.wrap(device, host.clone()); }

    @Override
    public Storage upload(double[] host) { return CpuStorage.wrap(device, host.clone()); }

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

    // ---- layout, elementwise, reductions ----------------------------------------------------------------------
    @Override
    public Tensor copy(Tensor x) { return LayoutOps.copy(this, x); }

    @Override
    public Tensor cast(Tensor x, DType dtype) { return LayoutOps.cast(this, x, dtype); }

    @Override
    public void fill(Tensor dst, double value) { LayoutOps.fill(this, dst, value); }

    @Override
    public void assign(Tensor dst, Tensor src) { LayoutOps.assign(this, dst, src); }

    @Override
    public Tensor unary(UnaryOp op, Tensor x, double param) { return ElementwiseOps.unary(this, op, x, param); }

    @Override
    public Tensor binary(BinaryOp op, Tensor a, Tensor b) { return ElementwiseOps.binary(this, op, a, b); }

    @Override
    public Tensor where(Tensor cond, Tensor a, Tensor b) { return ElementwiseOps.where(this, cond, a, b); }

    @Override
    public Tensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepDims) { return ReduceOps.reduce(this, op, x, axes, keepDims); }

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
    public Tensor avgPoolBackward(Tensor dy, PoolSpec spec, int[] xShape) { return PoolOps.avgBackward(this, dy, spec, xShape); }

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
    public Tensor softmaxBackward(Tensor y, Tensor dy, int axis, boolean log) { return SoftmaxOps.backward(this, y, dy, axis, log); }

    @Override
    public Tensor random(RandomKind kind, int[] shape, DType dtype, long seed, long offset, double a, double b) {
        return RandomOps.random(this, kind, shape, dtype, seed, offset, a, b);
    }

    // ---- fused ops (attention and SE: F32 on the Vector API, F64 in plain double loops; optimizer steps in double) --
    /** Every fused op, except that cpu:ref (or a JVM without the Vector API) hands attention and SE to autograd's composites. */
    @Override
    public boolean hasFused(FusedOp op) {
        return switch (op) {
            case WINDOW_ATTENTION, SE_EXCITE -> !reference && VectorApi.AVAILABLE;
            case ADAM_STEP, SGD_STEP -> true;
        };
    }

    // ---- fused attention and excitation ----------------------------------------------------------------------
    @Override
    public Tensor[] windowAttentionForward(Tensor q, Tensor k, Tensor v, int windows, double scale) {
        requireFused(FusedOp.WINDOW_ATTENTION);
        return FusedOps.windowAttentionForward(q, k, v, windows, scale);
    }

    @Override
    public Tensor[] windowAttentionBackward(Tensor q, Tensor k, Tensor v, Tensor out, Tensor logsumexp, Tensor dOut,
                                            int windows, double scale) {
        requireFused(FusedOp.WINDOW_ATTENTION);
        return FusedOps.windowAttentionBackward(q, k, v, out, logsumexp, dOut, windows, scale);
    }

    @Override
    public Tensor windowAttentionWeights(Tensor q, Tensor k, int windows, double scale) {
        requireFused(FusedOp.WINDOW_ATTENTION);
        return FusedOps.windowAttentionWeights(q, k, windows, scale);
    }

    @Override
    public Tensor seExciteForward(Tensor z, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
        requireFused(FusedOp.SE_EXCITE);
        return FusedOps.seExciteForward(z, w1, b1, w2, b2);
    }

    @Override
    public Tensor[] seExciteBackward(Tensor z, Tensor w1, Tensor b1, Tensor w2, Tensor b2, Tensor ds) {
        requireFused(FusedOp.SE_EXCITE);
        return FusedOps.seExciteBackward(z, w1, b1, w2, b2, ds);
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

    /** cpu:ref and a JVM without the Vector API say they have no fused attention or SE; calling one anyway is refused. */
    private void requireFused(FusedOp op) {
        if (!hasFused(op)) throw op.missing(this);
    }
}
