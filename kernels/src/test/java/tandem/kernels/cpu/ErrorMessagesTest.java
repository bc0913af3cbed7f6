package tandem.kernels.cpu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import tandem.tensor.ConvSpec;
import tandem.tensor.PoolSpec;
import tandem.tensor.ReduceOp;
import tandem.tensor.Tensor;
import tandem.tensor.backend.Backend;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Wrong shapes and mismatched dtypes fail with a message that names the op and the shapes involved. */
class ErrorMessagesTest {
    private final Backend cpu = Tensor.zeros(1).backend();
    private final Tensor f32 = Tensor.zeros(2, 3);
    private final Tensor f64 = Tensor.of(new double[6], 2, 3);

    private static void failsNaming(Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String p : parts) assertTrue(e.getMessage().contains(p), "message \"" + e.getMessage() + "\" should name " + p);
    }

    @Test
    void elementwise() {
        failsNaming(() -> f32.add(Tensor.zeros(4)), "add", "[2, 3]", "[4]", "broadcast");
        failsNaming(() -> f32.mul(f64), "mul", "[2, 3]", "F32", "F64");
        failsNaming(() -> cpu.where(f32, f32, f64), "where", "F32", "F64");
        failsNaming(() -> cpu.assign(f32, Tensor.zeros(3, 3)), "assign", "[3, 3]", "[2, 3]");
        failsNaming(() -> cpu.assign(f32, f64), "assign", "F32", "F64");
    }

    @Test
    void reductionsAndViews() {
        failsNaming(() -> f32.sum(false, 2), "sum", "axis 2", "rank 2");
        failsNaming(() -> cpu.reduce(ReduceOp.ARGMAX, f32, new int[] {0, 1}, false), "argmax", "one axis");
        failsNaming(() -> f32.reshape(4, 2), "reshape", "[2, 3]", "[4, 2]");
        failsNaming(() -> f32.expand(3, 3), "expand", "[2, 3]", "[3, 3]");
        failsNaming(() -> f32.slice(1, 0, 4, 1), "slice", "[2, 3]");
    }

    @Test
    void matmul() {
        failsNaming(() -> f32.matmul(Tensor.zeros(2, 3)), "matmul", "[2, 3]");
        failsNaming(() -> cpu.matmul(Tensor.zeros(2, 3), Tensor.of(new double[6], 3, 2)), "matmul", "F32", "F64");
        failsNaming(() -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 1)), "matmul", "[2]", "[3]");
    }

    @Test
    void convolution() {
        ConvSpec spec = ConvSpec.of(2, 1, 0, 1, 1);
        Tensor x = Tensor.zeros(1, 3, 5, 5), w = Tensor.zeros(4, 3, 3, 3);
        failsNaming(() -> cpu.convForward(x, Tensor.zeros(4, 2, 3, 3), spec), "conv2d", "[1, 3, 5, 5]", "[4, 2, 3, 3]");
        failsNaming(() -> cpu.convForward(Tensor.zeros(1, 3, 5), w, spec), "conv2d", "[1, 3, 5]");
        failsNaming(() -> cpu.convForward(x, Tensor.of(new double[108], 4, 3, 3, 3), spec), "conv", "F32", "F64");
        failsNaming(() -> cpu.convBackwardData(Tensor.zeros(1, 4, 2, 2), w, spec, x.shape()),
                "conv_bwd_data", "[1, 4, 2, 2]", "[1, 4, 3, 3]");
        failsNaming(() -> cpu.convBackwardData(Tensor.of(new double[36], 1, 4, 3, 3), w, spec, x.shape()),
                "conv_bwd_data", "F64", "F32");
        failsNaming(() -> cpu.convBackwardWeight(x, Tensor.zeros(1, 4, 3, 4), spec, w.shape()),
                "conv_bwd_weight", "[1, 4, 3, 4]", "[1, 4, 3, 3]");
        failsNaming(() -> cpu.convBackwardWeight(x, Tensor.of(new double[36], 1, 4, 3, 3), spec, w.shape()),
                "conv_bwd_weight", "F32", "F64");
    }

    @Test
    void poolingBatchNormAndSoftmax() {
        PoolSpec pool = PoolSpec.of(2, 2, 2, 0);
        Tensor x = Tensor.zeros(1, 2, 4, 4);
        failsNaming(() -> cpu.maxPoolForward(Tensor.zeros(2, 4, 4), pool), "max_pool", "[2, 4, 4]");
        failsNaming(() -> cpu.maxPoolBackward(x, Tensor.zeros(1, 2, 3, 3), pool), "max_pool_bwd", "[1, 2, 3, 3]", "[1, 2, 2, 2]");
        failsNaming(() -> cpu.avgPoolBackward(Tensor.zeros(1, 2, 2, 3), pool, x.shape()), "avg_pool_bwd", "[1, 2, 2, 3]");

        Tensor c2 = Tensor.zeros(2), c3 = Tensor.ones(3);
        failsNaming(() -> cpu.batchNormForward(x, c3, c3, c3, c3, true, 0.1, 1e-5), "batch_norm", "[1, 2, 4, 4]", "[3]");
        failsNaming(() -> cpu.batchNormForward(x, Tensor.of(new double[2], 2), c2, c2, c2, true, 0.1, 1e-5),
                "batch_norm", "F32", "F64");
        failsNaming(() -> cpu.batchNormBackward(Tensor.zeros(1, 2, 16), x, c2, c2, c2), "batch_norm_bwd", "[1, 2, 16]", "[1, 2, 4, 4]");

        failsNaming(() -> cpu.softmax(f32, 2, false), "softmax", "axis 2", "[2, 3]");
        failsNaming(() -> cpu.softmaxBackward(f32, Tensor.zeros(3, 2), 1, true), "log_softmax_bwd", "[3, 2]", "[2, 3]");
        failsNaming(() -> cpu.softmaxBackward(f32, f64, 1, false), "softmax_bwd", "F32", "F64");
    }
}
