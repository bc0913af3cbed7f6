package tandem.autograd.ops;

import java.util.Arrays;
import tandem.autograd.Function;
import tandem.autograd.Var;
import tandem.tensor.Tensor;

/**
 * Batch normalisation over x: (B, C, *S) with per-channel gamma and beta. In training the batch statistics are used
 * (and the running ones updated in place); in eval the running statistics, so the op is affine and its backward is
 * the affine map's.
 */
public final class BatchNorm extends Function {
    private boolean training;

    public static Var apply(Var x, Var gamma, Var beta, Tensor runningMean, Tensor runningVar,
                            boolean training, double momentum, double eps) {
        BatchNorm f = new BatchNorm();
        f.training = training;
        Tensor[] r = x.data().backend().batchNormForward(x.data(), gamma.data(), beta.data(), runningMean, runningVar,
                training, momentum, eps);
        f.save(x.data(), gamma.data(), r[1], r[2]);
        return f.output(r[0], x, gamma, beta);
    }

    @Override
    public Tensor[] backward(Tensor dy) {
        Tensor x = saved(0), gamma = saved(1), mean = saved(2), invStd = saved(3);
        if (training) {
            Tensor[] g = x.backend().batchNormBackward(dy, x, gamma, mean, invStd);
            return new Tensor[] {g[0], g[1], g[2]};
        }
        // eval: y = (x - mean) * invStd * gamma + beta with constant statistics
        int[] perChannel = new int[x.dim()];
        Arrays.fill(perChannel, 1);
        perChannel[1] = x.size(1);
        int[] reduceAxes = new int[x.dim() - 1];
        for (int i = 0, j = 0; i < x.dim(); i++) if (i != 1) reduceAxes[j++] = i;
        Tensor scale = invStd.reshape(perChannel);
        Tensor xhat = x.sub(mean.reshape(perChannel)).mul(scale);
        Tensor dx = needsGrad(0) ? dy.mul(scale.mul(gamma.reshape(perChannel))) : null;
        Tensor dgamma = needsGrad(1) ? dy.mul(xhat).sum(false, reduceAxes) : null;
        Tensor dbeta = needsGrad(2) ? dy.sum(false, reduceAxes) : null;
        return new Tensor[] {dx, dgamma, dbeta};
    }
}
