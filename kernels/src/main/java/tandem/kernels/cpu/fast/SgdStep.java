package tandem.kernels.cpu.fast;

import tandem.tensor.Tensor;
import tandem.tensor.backend.FusedShapes;

/**
 * The fused SGD step on the CPU, in place, the same update as the device kernel sgd_momentum.cl, in double
 * (PyTorch's SGD):
 * <pre>
 *   g' = g + weight_decay * p
 *   buf = first_step ? g' : momentum * buf + (1 - dampening) * g'      (no buffer when momentum is 0)
 *   p -= lr * (nesterov ? g' + momentum * buf : buf)
 * </pre>
 */
public final class SgdStep {
    private SgdStep() {}

    /** One step over dense p, g and (unless null) buf of one shape. */
    public static void apply(Tensor p, Tensor g, Tensor buf, double lr, double momentum, double dampening,
                             double weightDecay, boolean nesterov, boolean firstStep) {
        FusedShapes.checkInPlaceUpdate("sgd_momentum", p, g, buf);
        boolean hasBuffer = buf != null;
        InPlaceUpdate.Body u = (pp, gg, bb, unused, from, to) -> {
            for (int i = from; i < to; i++) {
                double gi = gg[i] + weightDecay * pp[i];
                if (!hasBuffer) {
                    pp[i] -= lr * gi;
                    continue;
                }
                double bi = firstStep ? gi : momentum * bb[i] + (1 - dampening) * gi;
                bb[i] = bi;
                pp[i] -= lr * (nesterov ? gi + momentum * bi : bi);
            }
        };
        InPlaceUpdate.run(u, p, g, buf);
    }
}
