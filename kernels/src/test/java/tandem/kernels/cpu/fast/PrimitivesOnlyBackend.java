package tandem.kernels.cpu.fast;

import tandem.kernels.cpu.CpuBackend;
import tandem.tensor.BinaryOp;
import tandem.tensor.ConvSpec;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.PoolSpec;
import tandem.tensor.RandomKind;
import tandem.tensor.ReduceOp;
import tandem.tensor.Tensor;
import tandem.tensor.UnaryOp;
import tandem.tensor.backend.Backend;
import tandem.tensor.memory.Storage;

/** The CPU primitives without the fused overrides: a backend that brings no fused kernel. */
final class PrimitivesOnlyBackend implements Backend {
    private static final Backend CPU = new CpuBackend();

    @Override public Device device() { return CPU.device(); }

    @Override public Storage allocate(DType t, long n) { return CPU.allocate(t, n); }

    @Override public Storage upload(float[] h) { return CPU.upload(h); }

    @Override public Storage upload(double[] h) { return CPU.upload(h); }

    @Override public float[] downloadF32(Storage s) { return CPU.downloadF32(s); }

    @Override public double[] downloadF64(Storage s) { return CPU.downloadF64(s); }

    @Override public Tensor copy(Tensor x) { return CPU.copy(x); }

    @Override public Tensor cast(Tensor x, DType t) { return CPU.cast(x, t); }

    @Override public void fill(Tensor d, double x) { CPU.fill(d, x); }

    @Override public void assign(Tensor d, Tensor s) { CPU.assign(d, s); }

    @Override public Tensor unary(UnaryOp o, Tensor x, double p) { return CPU.unary(o, x, p); }

    @Override public Tensor binary(BinaryOp o, Tensor a, Tensor b) { return CPU.binary(o, a, b); }

    @Override public Tensor where(Tensor c, Tensor a, Tensor b) { return CPU.where(c, a, b); }

    @Override public Tensor reduce(ReduceOp o, Tensor x, int[] a, boolean kd) { return CPU.reduce(o, x, a, kd); }

    @Override public Tensor matmul(Tensor a, Tensor b) { return CPU.matmul(a, b); }

    @Override public Tensor convForward(Tensor x, Tensor w, ConvSpec s) { return CPU.convForward(x, w, s); }

    @Override public Tensor convBackwardData(Tensor dy, Tensor w, ConvSpec s, int[] xs) { return CPU.convBackwardData(dy, w, s, xs); }

    @Override public Tensor convBackwardWeight(Tensor x, Tensor dy, ConvSpec s, int[] ws) { return CPU.convBackwardWeight(x, dy, s, ws); }

    @Override public Tensor maxPoolForward(Tensor x, PoolSpec s) { return CPU.maxPoolForward(x, s); }

    @Override public Tensor maxPoolBackward(Tensor x, Tensor dy, PoolSpec s) { return CPU.maxPoolBackward(x, dy, s); }

    @Override public Tensor avgPoolForward(Tensor x, PoolSpec s) { return CPU.avgPoolForward(x, s); }

    @Override public Tensor avgPoolBackward(Tensor dy, PoolSpec s, int[] xs) { return CPU.avgPoolBackward(dy, s, xs); }

    @Override public Tensor[] batchNormForward(Tensor x, Tensor g, Tensor b, Tensor rm, Tensor rv, boolean t, double m, double e) { return CPU.batchNormForward(x, g, b, rm, rv, t, m, e); }

    @Override public Tensor[] batchNormBackward(Tensor dy, Tensor x, Tensor g, Tensor m, Tensor i) { return CPU.batchNormBackward(dy, x, g, m, i); }

    @Override public Tensor softmax(Tensor x, int a, boolean l) { return CPU.softmax(x, a, l); }

    @Override public Tensor softmaxBackward(Tensor y, Tensor dy, int a, boolean l) { return CPU.softmaxBackward(y, dy, a, l); }

    @Override public Tensor random(RandomKind k, int[] s, DType t, long seed, long o, double a, double b) { return CPU.random(k, s, t, seed, o, a, b); }
}
