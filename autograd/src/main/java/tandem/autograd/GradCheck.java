package tandem.autograd;

import java.util.function.Function;
import tandem.tensor.DType;
import tandem.tensor.Tensor;

/**
 * Compares reverse-mode gradients with central differences, in F64.
 * The checked scalar is {@code sum(f(inputs) * r)} for a fixed random {@code r}, so every output element matters.
 */
public final class GradCheck {
    private GradCheck() {}

    /** The largest violation found, or none. */
    public record Result(boolean passed, double worstError, String where) {
        @Override
        public String toString() {
            return passed ? "gradcheck passed (worst |a-n|-tol = " + worstError + ")" : "gradcheck FAILED at " + where;
        }
    }

    /**
     * @param f      the function of the inputs; called many times, must be deterministic
     * @param inputs F64 parameters (requiresGrad) whose gradients are checked
     */
    public static Result check(Function<Var[], Var> f, Var[] inputs, double eps, double atol, double rtol) {
        for (Var v : inputs) {
            if (v.dtype() != DType.F64) throw new IllegalArgumentException("gradcheck needs F64 inputs, got " + v.dtype());
            v.zeroGrad();
        }
        Var out = f.apply(inputs);
        Tensor r = Tensor.random(tandem.tensor.RandomKind.NORMAL, 1234, 0, 1, DType.F64, out.device(), out.shape());
        out.mul(Var.constant(r)).sum().backward();

        double worst = Double.NEGATIVE_INFINITY;
        String where = "";
        for (int k = 0; k < inputs.length; k++) {
            if (!inputs[k].requiresGrad()) continue;
            Tensor analytic = inputs[k].grad();
            double[] a = analytic == null ? new double[(int) inputs[k].data().numel()] : analytic.toDoubleArray();
            double[] x = inputs[k].data().toDoubleArray();
            for (int i = 0; i < x.length; i++) {
                double numeric = (objective(f, inputs, k, x, i, eps, r) - objective(f, inputs, k, x, i, -eps, r)) / (2 * eps);
                double err = Math.abs(a[i] - numeric) - (atol + rtol * Math.abs(numeric));
                if (err > worst) {
                    worst = err;
                    where = "input " + k + " element " + i + ": analytic " + a[i] + " vs numeric " + numeric;
                }
            }
        }
        return new Result(worst <= 0, worst, where);
    }

    public static Result check(Function<Var[], Var> f, Var... inputs) {
        return check(f, inputs, 1e-6, 1e-7, 1e-5);
    }

    private static double objective(Function<Var[], Var> f, Var[] inputs, int k, double[] x, int i, double delta, Tensor r) {
        double[] moved = x.clone();
        moved[i] += delta;
        Var[] in = inputs.clone();
        in[k] = Var.constant(Tensor.of(moved, inputs[k].shape()).to(inputs[k].device()));
        try (GradMode off = GradMode.off()) {
            return f.apply(in).data().mul(r).sum().item();
        }
    }
}
