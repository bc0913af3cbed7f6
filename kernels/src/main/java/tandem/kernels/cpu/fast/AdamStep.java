package tandem.kernels.cpu.fast;

import tandem.tensor.Tensor;
import tandem.tensor.backend.FusedShapes;

/**
 * The fused Adam / AdamW step on the CPU, in place, the same update as the device kernel adam.cl and computed in
 * double as a device with doubles does (F32 tensors are widened chunk by chunk):
 * <pre>
 *   Adam:  g' = g + weight_decay * p          AdamW: p *= 1 - lr * weight_decay, g' = g
 *   m = beta1 m + (1 - beta1) g';  v = beta2 v + (1 - beta2) g'^2
 *   p -= lr * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps)
 * </pre>
 */
public final class AdamStep {
    private AdamStep() {}

    /** One step over dense p, g, m, v of one shape; {@code step} counts from 1. */
    public static void apply(Tensor p, Tensor g, Tensor m, Tensor v, double lr, double beta1, double beta2, double eps,
                             double weightDecay, boolean decoupled, long step) {
        FusedShapes.checkInPlaceUpdate("adam", p, g, m, v);
        if (step < 1) throw new IllegalArgumentException("adam: step counts from 1, got " + step);
        double bias1 = 1 - Math.pow(beta1, step), bias2 = 1 - Math.pow(beta2, step);
        InPlaceUpdate.Body u = (pp, gg, mm, vv, from, to) -> {
            for (int i = from; i < to; i++) {
                double pi = pp[i], gi = gg[i];
                if (decoupled) pi *= 1 - lr * weightDecay;
                else gi += weightDecay * pi;
                double mi = beta1 * mm[i] + (1 - beta1) * gi, vi = beta2 * vv[i] + (1 - beta2) * gi * gi;
                mm[i] = mi;
                vv[i] = vi;
                pp[i] = pi - lr * (mi / bias1) / (Math.sqrt(vi / bias2) + eps);
            }
        };
        InPlaceUpdate.run(u, p, g, m, v);
    }
}
