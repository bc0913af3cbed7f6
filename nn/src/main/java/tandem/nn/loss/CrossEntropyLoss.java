package tandem.nn.loss;

import java.util.Arrays;
import tandem.autograd.Var;
import tandem.tensor.Tensor;

/** Mean cross-entropy of logits (B, C) against integer labels, through log-softmax (numerically stable). */
public final class CrossEntropyLoss {
    private CrossEntropyLoss() {}

    public static Var apply(Var logits, int[] labels) {
        return apply(logits, labels, 0);
    }

    /** With label smoothing eps: the target is (1 - eps) on the label plus eps / C everywhere. */
    public static Var apply(Var logits, int[] labels, double labelSmoothing) {
        if (logits.dim() != 2) {
            throw new IllegalArgumentException("cross_entropy: logits must be (B, C), got " + Arrays.toString(logits.shape()));
        }
        int b = logits.size(0), c = logits.size(1);
        if (labels.length != b) {
            throw new IllegalArgumentException("cross_entropy: " + labels.length + " labels for a batch of " + b);
        }
        double[] target = new double[b * c];
        for (int i = 0; i < b; i++) {
            if (labels[i] < 0 || labels[i] >= c) {
                throw new IllegalArgumentException("cross_entropy: label " + labels[i] + " at position " + i + " outside [0, " + c + ")");
            }
            for (int j = 0; j < c; j++) target[i * c + j] = labelSmoothing / c;
            target[i * c + labels[i]] += 1 - labelSmoothing;
        }
        Tensor t = Tensor.of(target, b, c).to(logits.dtype()).to(logits.device());
        return logits.logSoftmax(1).mul(Var.constant(t)).sum().mul(-1.0 / b);
    }
}
