package tandem.tensor.backend;

import java.util.Map;
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
import tandem.tensor.memory.Storage;

/**
 * The primitives every device implements. The CPU backend holds the plain reference of each; every device
 * (and every fast CPU path) is tested against it.
 *
 * <p>Conventions. Inputs may be any strided view unless a method says otherwise; outputs are new contiguous tensors
 * on the same device and of the same dtype as the inputs. Channel-first layouts: x (B, C, *spatial).
 * Shape errors name the op and the shapes. Backends stay thin: shape logic lives in the specs and in
 * {@link Tensor}; a backend compiles, allocates, copies and launches.
 */
public interface Backend {
    Device device();

    // ---- memory -------------------------------------------------------------------------------------------
    /** A zero-filled storage of {@code length} elements. */
    Storage allocate(DType dtype, long length);

    /** Copies host data into a new storage on this device (F32 from float[], F64 from double[]). */
    Storage upload(float[] host);

    Storage upload(double[] host);

    /** The whole storage as host floats (converting from F64 if needed). */
    float[] downloadF32(Storage s);

    /** The whole storage as host doubles (converting from F32 if needed). */
    double[] downloadF64(Storage s);

    // ---- layout -------------------------------------------------------------------------------------------
    /** A contiguous copy of any strided view. */
    Tensor copy(Tensor x);

    /** A contiguous copy converted to {@code dtype}. */
    Tensor cast(Tensor x, DType dtype);

    /** Writes {@code value} into every element of the (possibly strided) view {@code dst}. */
    void fill(Tensor dst, double value);

    /** Copies {@code src} into the view {@code dst} (same shape; src may broadcast). */
    void assign(Tensor dst, Tensor src);

    // ---- elementwise and reductions -------------------------------------------------------------------------
    Tensor unary(UnaryOp op, Tensor x, double param);

    /** NumPy broadcasting; both inputs share dtype and device. */
    Tensor binary(BinaryOp op, Tensor a, Tensor b);

    /** {@code cond != 0 ? a : b}, all three broadcast together. */
    Tensor where(Tensor cond, Tensor a, Tensor b);

    /** Reduces the given (distinct, non-negative) axes; ARGMAX/ARGMIN take exactly one axis. */
    Tensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepDims);

    // ---- linear algebra -------------------------------------------------------------------------------------
    /** a: (..., M, K) @ b: (..., K, N) -> (..., M, N), batch dims broadcast. */
    Tensor matmul(Tensor a, Tensor b);

    // ---- convolution ----------------------------------------------------------------------------------------
    /** x: (B, C, *S), w: (O, C/g, *K) -> y: (B, O, *S'); no bias (add it with {@link #binary}). */
    Tensor convForward(Tensor x, Tensor w, ConvSpec spec);

    /** dy: (B, O, *S'), w: (O, C/g, *K) -> dx with shape {@code xShape}. */
    Tensor convBackwardData(Tensor dy, Tensor w, ConvSpec spec, int[] xShape);

    /** x: (B, C, *S), dy: (B, O, *S') -> dw with shape {@code wShape}. */
    Tensor convBackwardWeight(Tensor x, Tensor dy, ConvSpec spec, int[] wShape);

    // ---- pooling --------------------------------------------------------------------------------------------
    Tensor maxPoolForward(Tensor x, PoolSpec spec);

    /** Routes dy to the first maximum of each window (recomputed from x; ties go to the first index). */
    Tensor maxPoolBackward(Tensor x, Tensor dy, PoolSpec spec);

    Tensor avgPoolForward(Tensor x, PoolSpec spec);

    Tensor avgPoolBackward(Tensor dy, PoolSpec spec, int[] xShape);

    // ---- normalisation ----------------------------------------------------------------------------------------
    /**
     * Batch norm over x: (B, C, *S), statistics per channel. Training: normalises with the batch mean and biased
     * variance and updates {@code runningMean}/{@code runningVar} in place (unbiased variance, PyTorch's momentum
     * convention); eval: uses the running statistics. Returns {y, mean (C), invStd (C)}.
     */
    Tensor[] batchNormForward(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar,
                              boolean training, double momentum, double eps);

    /** Training-mode backward. Returns {dx, dgamma, dbeta}. */
    Tensor[] batchNormBackward(Tensor dy, Tensor x, Tensor gamma, Tensor mean, Tensor invStd);

    // ---- softmax --------------------------------------------------------------------------------------------
    /** softmax (or log-softmax) along {@code axis}, max-subtracted. */
    Tensor softmax(Tensor x, int axis, boolean log);

    /** Given y = softmax(x) (or log-softmax) and dy, returns dx. */
    Tensor softmaxBackward(Tensor y, Tensor dy, int axis, boolean log);

    // ---- random ---------------------------------------------------------------------------------------------
    /**
     * Counter-based random numbers: element i of the (contiguous) result depends only on (seed, offset + i), so
     * every backend produces the same stream. See {@link CounterRng}.
     */
    Tensor random(RandomKind kind, int[] shape, DType dtype, long seed, long offset, double a, double b);

    // ---- fused ops: optional ---------------------------------------------------------------------------------
    // A backend that brings a fused kernel says so in hasFused and overrides its methods; the defaults throw. Callers
    // ask first: autograd composes windowed attention and SE from the primitives above where the kernel is missing
    // (and derives their backward by itself), the optimizers update through elementwise ops. Every fused kernel is
    // tested against that composite.

    /** True when this backend runs {@code op} as a fused kernel of its own. */
    default boolean hasFused(FusedOp op) { return false; }

    /**
     * Windowed attention: q (B, Tq, D), k (B, Tk, D), v (B, Tk, Dv). Query window i (see {@link tandem.tensor.TimeWindows})
     * attends only to key window i: out = softmax(q k^T * scale) v per window. Returns {out (B, Tq, Dv), logsumexp (B, Tq)};
     * the log-sum-exp of each query's scaled scores lets the backward recompute the probabilities instead of storing them.
     */
    default Tensor[] windowAttentionForward(Tensor q, Tensor k, Tensor v, int windows, double scale) {
        throw FusedOp.WINDOW_ATTENTION.missing(this);
    }

    /** Given the forward's inputs, {out, logsumexp} and dOut (B, Tq, Dv), returns {dq, dk, dv}. */
    default Tensor[] windowAttentionBackward(Tensor q, Tensor k, Tensor v, Tensor out, Tensor logsumexp, Tensor dOut,
                                             int windows, double scale) {
        throw FusedOp.WINDOW_ATTENTION.missing(this);
    }

    /** The attention probabilities as a dense (B, Tq, Tk) tensor, zero outside each query's window (for drawing). */
    default Tensor windowAttentionWeights(Tensor q, Tensor k, int windows, double scale) {
        throw FusedOp.WINDOW_ATTENTION.missing(this);
    }

    /**
     * C squeeze-and-excitation gates of one input: z (B, N), w1 (C, H, N), b1 (C, H), w2 (C, N, H), b2 (C, N) ->
     * s (B, C, N) with s[b, c] = sigmoid(w2[c] relu(w1[c] z[b] + b1[c]) + b2[c]).
     */
    default Tensor seExciteForward(Tensor z, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
        throw FusedOp.SE_EXCITE.missing(this);
    }

    /** Given the forward's inputs and ds (B, C, N), returns {dz, dw1, db1, dw2, db2}. */
    default Tensor[] seExciteBackward(Tensor z, Tensor w1, Tensor b1, Tensor w2, Tensor b2, Tensor ds) {
        throw FusedOp.SE_EXCITE.missing(this);
    }

    /**
     * One SGD step in place over dense param, grad and momentumBuffer of one shape (PyTorch's SGD):
     * g' = grad + weightDecay * param; buf = firstStep ? g' : momentum * buf + (1 - dampening) * g';
     * param -= lr * (nesterov ? g' + momentum * buf : buf). With {@code momentumBuffer} null (momentum 0) there is no
     * buffer: param -= lr * g'.
     */
    default void sgdMomentumStep(Tensor param, Tensor grad, Tensor momentumBuffer, double lr, double momentum,
                                 double dampening, double weightDecay, boolean nesterov, boolean firstStep) {
        throw FusedOp.SGD_STEP.missing(this);
    }

    /**
     * One Adam step in place over dense param, grad and moments m, v of one shape (PyTorch's Adam; AdamW when
     * {@code decoupled}: param *= 1 - lr * weightDecay instead of adding the decay to the gradient). {@code step}
     * counts from 1 and sets the bias corrections 1 - beta^step.
     */
    default void adamStep(Tensor param, Tensor grad, Tensor m, Tensor v, double lr, double beta1, double beta2,
                          double eps, double weightDecay, boolean decoupled, long step) {
        throw FusedOp.ADAM_STEP.missing(this);
    }

    // ---- accounting ---------------------------------------------------------------------------------------------
    /**
     * Kernel launches by kernel name since this backend was opened, for tests that check which kernels an op ran.
     * Backends without named device kernels (the CPU) return an empty map.
     */
    default Map<String, Long> kernelLaunches() { return Map.of(); }
}
