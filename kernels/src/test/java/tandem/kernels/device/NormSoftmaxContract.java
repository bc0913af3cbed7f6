package tandem.kernels.device;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tandem.tensor.DType;
import tandem.tensor.Tensor;

/** Batch norm (training and eval, running statistics, backward) and softmax / log-softmax with backward. */
public interface NormSoftmaxContract extends DeviceFixture {
    Tolerance F32 = new Tolerance(2e-5, 1e-4);
    Tolerance F64 = new Tolerance(1e-12, 1e-11);

    @Test
    default void batchNormTrainingEvalAndBackwardMatch() {
        int[][] shapes = {{3, 5}, {2, 3, 7}, {2, 4, 3, 5, 7}, {5, 1, 67}};
        for (DType dt : dtypes()) {
            long seed = 81;
            Tolerance tol = Tolerance.of(dt, F32, F64);
            for (int[] xs : shapes) {
                String what = Arrays.toString(xs) + " " + dt;
                int c = xs[1];
                Pair x = Pair.normal(device(), dt, seed++, xs).view(t -> t.mul(2).add(0.5));
                Pair gamma = Pair.normal(device(), dt, seed++, c), beta = Pair.normal(device(), dt, seed++, c);
                Pair rm = Pair.normal(device(), dt, seed++, c);
                Pair rv = Pair.uniform(device(), dt, seed++, 0.5, 2, c);
                Tensor[] ref = reference("BatchNormRef.forward",
                        () -> cpu().batchNormForward(x.cpu(), gamma.cpu(), beta.cpu(), rm.cpu(), rv.cpu(), true, 0.1, 1e-5));
                Tensor[] got = backend().batchNormForward(x.dev(), gamma.dev(), beta.dev(), rm.dev(), rv.dev(), true, 0.1, 1e-5);
                String[] names = {"y", "mean", "invStd"};
                for (int i = 0; i < 3; i++) tol.check("batch norm train " + names[i] + " " + what, device(), got[i], ref[i]);
                tol.check("running mean " + what, device(), rm.dev(), rm.cpu());
                tol.check("running var " + what, device(), rv.dev(), rv.cpu());

                Tensor[] evalRef = cpu().batchNormForward(x.cpu(), gamma.cpu(), beta.cpu(), rm.cpu(), rv.cpu(), false, 0.1, 1e-5);
                Tensor[] evalGot = backend().batchNormForward(x.dev(), gamma.dev(), beta.dev(), rm.dev(), rv.dev(), false, 0.1, 1e-5);
                tol.check("batch norm eval y " + what, device(), evalGot[0], evalRef[0]);
                tol.check("running mean untouched in eval " + what, device(), rm.dev(), rm.cpu());

                Pair dy = Pair.normal(device(), dt, seed++, xs);
                Tensor[] bRef = reference("BatchNormRef.backward",
                        () -> cpu().batchNormBackward(dy.cpu(), x.cpu(), gamma.cpu(), ref[1], ref[2]));
                Tensor[] bGot = backend().batchNormBackward(dy.dev(), x.dev(), gamma.dev(), got[1], got[2]);
                String[] gnames = {"dx", "dgamma", "dbeta"};
                for (int i = 0; i < 3; i++) tol.check("batch norm bwd " + gnames[i] + " " + what, device(), bGot[i], bRef[i]);
            }
        }
    }

    @Test
    default void softmaxAndLogSoftmaxForwardAndBackwardMatch() {
        for (DType dt : dtypes()) {
            Tolerance tol = Tolerance.of(dt, F32, F64);
            Pair x = Pair.normal(device(), dt, 91, 3, 7, 5).view(t -> t.mul(4).transpose(0, 2)); // (5, 7, 3), strided
            for (int axis = 0; axis < 3; axis++) {
                for (boolean log : new boolean[] {false, true}) {
                    String what = (log ? "log_softmax" : "softmax") + " axis " + axis + " " + dt;
                    int a = axis;
                    Tensor yRef = reference("SoftmaxRef.forward", () -> cpu().softmax(x.cpu(), a, log));
                    Tensor y = backend().softmax(x.dev(), axis, log);
                    tol.check(what, device(), y, yRef);
                    Pair dy = Pair.normal(device(), dt, 92 + axis, 5, 7, 3);
                    tol.check(what + " bwd", device(), backend().softmaxBackward(y, dy.dev(), axis, log),
                            reference("SoftmaxRef.backward", () -> cpu().softmaxBackward(yRef, dy.cpu(), a, log)));
                }
            }
        }
    }

    @Test
    default void softmaxRowsSumToOneAndSurviveLargeInputs() {
        // independent of the reference: exp(1000) overflows unless the maximum is subtracted first
        Tensor x = Tensor.of(new float[] {1000, 1001, 1002, -5, 0, 5}, 2, 3).to(device());
        double[] y = backend().softmax(x, 1, false).toDoubleArray();
        double e1 = Math.exp(-1), e2 = Math.exp(-2), s = 1 + e1 + e2;
        new Tolerance(1e-6, 1e-5).assertValues("softmax of large inputs", new double[] {y[0], y[1], y[2]},
                new double[] {e2 / s, e1 / s, 1 / s});
        new Tolerance(1e-6, 0).assertValues("softmax row sums", new double[] {y[0] + y[1] + y[2], y[3] + y[4] + y[5]},
                new double[] {1, 1});
    }
}
