package tandem.autograd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tandem.tensor.ConvSpec;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.PoolSpec;
import tandem.tensor.RandomKind;
import tandem.tensor.Tensor;

/** An F64 central-difference check for every differentiable op. */
class GradCheckTest {
    private static long seed = 1;

    static Var p(int... shape) {
        return Var.param(Tensor.random(RandomKind.NORMAL, seed++, 0, 1, DType.F64, Device.CPU, shape));
    }

    /** Positive values away from 0 (for log, sqrt, division). */
    static Var positive(int... shape) {
        return Var.param(Tensor.random(RandomKind.UNIFORM, seed++, 0.5, 2.0, DType.F64, Device.CPU, shape));
    }

    static void check(Function<Var[], Var> f, Var... in) {
        GradCheck.Result r = GradCheck.check(f, in);
        assertTrue(r.passed(), r.toString());
    }

    @Test void broadcastingArithmetic() {
        check(v -> v[0].add(v[1]), p(2, 3, 4), p(3, 1));
        check(v -> v[0].sub(v[1]), p(4), p(2, 3, 4));
        check(v -> v[0].mul(v[1]), p(2, 1, 4), p(1, 3, 1));
        check(v -> v[0].div(v[1]), p(2, 3), positive(3));
        check(v -> v[0].mul(v[0]), p(3, 2));               // the same input twice: gradients accumulate
    }

    @Test void unaryFunctions() {
        check(v -> v[0].exp(), p(3, 4));
        check(v -> v[0].log(), positive(3, 4));
        check(v -> v[0].sqrt(), positive(5));
        check(v -> v[0].sigmoid(), p(2, 5));
        check(v -> v[0].tanh(), p(2, 5));
        check(v -> v[0].pow(3), p(4));
        check(v -> v[0].mul(2.5).add(-1), p(4));
        // relu: keep inputs away from the kink, where finite differences are meaningless
        Var x = Var.param(Tensor.of(new double[] {-1.5, -0.3, 0.4, 2.0, -0.7, 1.1}, 2, 3));
        check(v -> v[0].relu(), x);
    }

    @Test void reductions() {
        check(v -> v[0].sum(false, 1), p(2, 3, 4));
        check(v -> v[0].sum(true, 0, 2), p(2, 3, 4));
        check(v -> v[0].mean(false, 2), p(2, 3, 4));
        check(v -> v[0].mean(), p(3, 3));
        check(v -> v[0].max(false, 1), p(3, 5));
    }

    @Test void matmulWithBatchBroadcast() {
        check(v -> v[0].matmul(v[1]), p(3, 4), p(4, 5));
        check(v -> v[0].matmul(v[1]), p(2, 3, 4), p(4, 2));
        check(v -> v[0].matmul(v[1].transpose(0, 1)), p(2, 3), p(5, 3));
    }

    @Test void views() {
        check(v -> v[0].reshape(6, 2).mul(v[0].reshape(6, 2)), p(3, 4));
        check(v -> v[0].permute(2, 0, 1).mul(v[1]), p(2, 3, 4), p(4, 2, 3));
        check(v -> v[0].slice(1, 1, 5, 2), p(2, 5));
        check(v -> v[0].narrow(0, 1, 2), p(4, 3));
        check(v -> v[0].expand(3, 2, 4), p(2, 1));
        check(v -> v[0].unsqueeze(1).squeeze(1), p(3));
        check(v -> Var.cat(1, v[0], v[1]), p(2, 3), p(2, 2));
    }

    @Test void conv1dWithStridePaddingDilationGroups() {
        check(v -> v[0].conv(v[1], ConvSpec.of(1, 2, 1, 2, 2)), p(2, 4, 11), p(6, 2, 3));
    }

    @Test void conv2d() {
        check(v -> v[0].conv(v[1], new ConvSpec(new int[] {1, 2}, new int[] {1, 0}, new int[] {1, 1}, 1)), p(1, 2, 5, 6), p(3, 2, 3, 2));
    }

    @Test void conv3dWithStridePaddingDilationGroups() {
        check(v -> v[0].conv(v[1], new ConvSpec(new int[] {1, 2, 1}, new int[] {1, 1, 0}, new int[] {1, 1, 2}, 2)),
                p(1, 4, 3, 5, 5), p(4, 2, 2, 3, 2));
    }

    @Test void pooling() {
        check(v -> v[0].maxPool(PoolSpec.of(1, 3, 2, 1)), p(2, 3, 9));
        check(v -> v[0].maxPool(new PoolSpec(new int[] {2, 2, 2}, new int[] {2, 1, 2}, new int[] {0, 1, 1}, true)), p(1, 2, 4, 5, 5));
        check(v -> v[0].avgPool(PoolSpec.of(1, 3, 2, 1)), p(2, 3, 9));
        check(v -> v[0].avgPool(PoolSpec.of(3, 2, 2, 0)), p(1, 2, 4, 4, 6));
    }

    @Test void batchNormTrainingAndEval() {
        Tensor rm = Tensor.zeros(DType.F64, Device.CPU, 3), rv = Tensor.full(1, DType.F64, Device.CPU, 3);
        check(v -> tandem.autograd.ops.BatchNorm.apply(v[0], v[1], v[2], rm.copy(), rv.copy(), true, 0.1, 1e-5),
                p(4, 3, 5), p(3), p(3));
        check(v -> tandem.autograd.ops.BatchNorm.apply(v[0], v[1], v[2], rm.copy(), rv.copy(), true, 0.1, 1e-5),
                p(2, 3, 2, 2, 3), p(3), p(3));
        Tensor rmEval = Tensor.of(new double[] {0.2, -0.1, 0.5}, 3), rvEval = Tensor.of(new double[] {1.5, 0.7, 2.0}, 3);
        check(v -> tandem.autograd.ops.BatchNorm.apply(v[0], v[1], v[2], rmEval, rvEval, false, 0.1, 1e-5),
                p(4, 3, 2), p(3), p(3));
    }

    @Test void softmaxAndLogSoftmax() {
        check(v -> v[0].softmax(1), p(3, 5));
        check(v -> v[0].softmax(0), p(4, 2));
        check(v -> v[0].logSoftmax(-1), p(2, 3, 4));
    }

    @Test void compositeOfManyOps() {
        check(v -> v[0].matmul(v[1]).relu().add(v[2]).softmax(1).log().mean(false, 0), p(4, 3), p(3, 5), p(5));
    }
}
