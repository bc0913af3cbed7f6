package tandem.nn.optim;

import java.util.List;
import java.util.Map;
import tandem.autograd.Var;
import tandem.tensor.Tensor;
import tandem.tensor.backend.FusedOp;

/** SGD with momentum, dampening, Nesterov and L2 weight decay, as PyTorch defines them. */
public final class Sgd extends Optimizer {
    private final double momentum, dampening, weightDecay;
    private final boolean nesterov;
    private final Tensor[] buf;

    public Sgd(List<Var> params, double lr) { this(params, lr, 0, 0, 0, false); }

    public Sgd(List<Var> params, double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        super(params, lr);
        if (nesterov && (momentum <= 0 || dampening != 0)) throw new IllegalArgumentException("Sgd: Nesterov needs momentum > 0 and dampening 0");
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.buf = new Tensor[this.params.size()];
    }

    @Override
    protected FusedOp fusedOp() { return FusedOp.SGD_STEP; }

    @Override
    protected void fusedUpdate(int i, Tensor p, Tensor g) {
        boolean first = momentum != 0 && buf[i] == null;
        if (first) buf[i] = zeroState(p);
        p.backend().sgdMomentumStep(p, g, momentum != 0 ? buf[i] : null, lr, momentum, dampening, weightDecay, nesterov, first);
    }

    @Override
    protected Tensor update(int i, Tensor p, Tensor g) {
        if (weightDecay != 0) g = g.add(p.mul(weightDecay));
        if (momentum != 0) {
            Tensor grad = g;
            if (buf[i] == null) buf[i] = newState(grad::copy);   // PyTorch starts the buffer at g, undamped
            else overwrite(buf[i], buf[i].mul(momentum).add(g.mul(1 - dampening)));
            g = nesterov ? g.add(buf[i].mul(momentum)) : buf[i];
        }
        return p.sub(g.mul(lr));
    }

    @Override
    protected void saveState(Map<String, Tensor> out) {
        for (int i = 0; i < buf.length; i++) if (buf[i] != null) out.put(i + ".momentum", buf[i].copy());
    }

    @Override
    protected void loadState(Map<String, Tensor> in) {
        for (int i = 0; i < buf.length; i++) buf[i] = slot(in, i, "momentum");
    }
}
