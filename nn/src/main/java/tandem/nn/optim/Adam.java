package tandem.nn.optim;

import java.util.List;
import java.util.Map;
import tandem.autograd.Var;
import tandem.tensor.Tensor;
import tandem.tensor.UnaryOp;
import tandem.tensor.backend.FusedOp;

/**
 * Adam (L2 weight decay added to the gradient) and AdamW (decoupled decay: p *= 1 - lr*wd before the step),
 * with PyTorch's bias correction.
 */
public final class Adam extends Optimizer {
    private final double beta1, beta2, eps, weightDecay;
    private final boolean decoupled;
    private final Tensor[] m, v;

    public Adam(List<Var> params, double lr) { this(params, lr, 0.9, 0.999, 1e-8, 0, false); }

    public static Adam adamW(List<Var> params, double lr, double weightDecay) {
        return new Adam(params, lr, 0.9, 0.999, 1e-8, weightDecay, true);
    }

    public Adam(List<Var> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
        super(params, lr);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        this.m = new Tensor[this.params.size()];
        this.v = new Tensor[this.params.size()];
    }

    @Override
    protected FusedOp fusedOp() { return FusedOp.ADAM_STEP; }

    @Override
    protected void fusedUpdate(int i, Tensor p, Tensor g) {
        if (m[i] == null) {
            m[i] = zeroState(p);
            v[i] = zeroState(p);
        }
        p.backend().adamStep(p, g, m[i], v[i], lr, beta1, beta2, eps, weightDecay, decoupled, steps);
    }

    @Override
    protected Tensor update(int i, Tensor p, Tensor g) {
        if (weightDecay != 0 && !decoupled) g = g.add(p.mul(weightDecay));
        if (weightDecay != 0 && decoupled) p = p.mul(1 - lr * weightDecay);
        Tensor grad = g, g2 = g.unary(UnaryOp.SQUARE);
        if (m[i] == null) {
            m[i] = newState(() -> grad.mul(1 - beta1));
            v[i] = newState(() -> g2.mul(1 - beta2));
        } else {
            overwrite(m[i], m[i].mul(beta1).add(g.mul(1 - beta1)));
            overwrite(v[i], v[i].mul(beta2).add(g2.mul(1 - beta2)));
        }
        double c1 = 1 - Math.pow(beta1, steps), c2 = 1 - Math.pow(beta2, steps);
        Tensor denom = v[i].mul(1 / c2).unary(UnaryOp.SQRT).add(eps);
        return p.sub(m[i].div(denom).mul(lr / c1));
    }

    @Override
    protected void saveState(Map<String, Tensor> out) {
        for (int i = 0; i < m.length; i++) {
            if (m[i] == null) continue;
            out.put(i + ".exp_avg", m[i].copy());
            out.put(i + ".exp_avg_sq", v[i].copy());
        }
    }

    @Override
    protected void loadState(Map<String, Tensor> in) {
        for (int i = 0; i < m.length; i++) {
            m[i] = slot(in, i, "exp_avg");
            v[i] = slot(in, i, "exp_avg_sq");
        }
    }
}
