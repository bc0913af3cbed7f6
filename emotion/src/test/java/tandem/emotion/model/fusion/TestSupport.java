package tandem.emotion.model.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import tandem.autograd.GradCheck;
import tandem.autograd.Var;
import tandem.nn.Module;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.RandomKind;
import tandem.tensor.Tensor;

/** Shared by the fusion and head tests: seeded inputs, tolerance checks, and gradient checks over inputs and parameters. */
public final class TestSupport {
    private TestSupport() {}

    public static Var randomF64(long seed, int... shape) {
        return Var.param(Tensor.random(RandomKind.NORMAL, seed, 0, 1, DType.F64, Device.CPU, shape));
    }

    public static Var randomF32(long seed, int... shape) {
        return Var.constant(Tensor.random(RandomKind.NORMAL, seed, 0, 1, DType.F32, Device.CPU, shape));
    }

    /** |actual - expected| <= atol + rtol |expected| element by element, naming the first violation. */
    public static void assertClose(double[] expected, double[] actual, double atol, double rtol, String what) {
        assertEquals(expected.length, actual.length, what + ": element count");
        for (int i = 0; i < expected.length; i++) {
            double tol = atol + rtol * Math.abs(expected[i]);
            double err = Math.abs(actual[i] - expected[i]);
            assertTrue(err <= tol, what + ": element " + i + " is " + actual[i] + ", expected " + expected[i] + " (|diff| " + err + " > " + tol + ")");
        }
    }

    public static void assertClose(Var expected, Var actual, double atol, double rtol, String what) {
        assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()), what + ": shape");
        assertClose(expected.data().toDoubleArray(), actual.data().toDoubleArray(), atol, rtol, what);
    }

    /**
     * Gradient check of {@code f(inputs)} with respect to the inputs AND the named parameters of {@code module}
     * (already F64). A perturbed parameter is written into the module in place for each evaluation and restored after.
     */
    public static GradCheck.Result check(Module module, List<String> paramNames, Function<Var[], Var> f, Var... inputs) {
        int n = inputs.length;
        Var[] params = new Var[paramNames.size()];
        Tensor[] originals = new Tensor[params.length];
        for (int j = 0; j < params.length; j++) {
            params[j] = module.namedParameters().get(paramNames.get(j));
            if (params[j] == null) throw new IllegalArgumentException("no parameter '" + paramNames.get(j) + "' in " + module.namedParameters().keySet());
            originals[j] = params[j].data().copy();
        }
        Var[] all = Arrays.copyOf(inputs, n + params.length);
        System.arraycopy(params, 0, all, n, params.length);
        Function<Var[], Var> withParams = in -> {
            for (int j = 0; j < params.length; j++) {
                Tensor value = in[n + j] == params[j] ? originals[j] : in[n + j].data();
                Tensor dst = params[j].data();
                dst.backend().assign(dst, value);
            }
            return f.apply(Arrays.copyOf(in, n));
        };
        try {
            return GradCheck.check(withParams, all, 1e-6, 1e-7, 1e-5);
        } finally {
            for (int j = 0; j < params.length; j++) params[j].data().backend().assign(params[j].data(), originals[j]);
        }
    }

    public static void assertGradients(Module module, List<String> paramNames, Function<Var[], Var> f, Var... inputs) {
        GradCheck.Result r = check(module, paramNames, f, inputs);
        assertTrue(r.passed(), r.toString());
    }

    /** Writes {@code values} into parameter or buffer {@code name} of {@code module} (its shape, its dtype): hand-set weights. */
    public static void set(Module module, String name, double... values) {
        Tensor dst = module.stateDict().get(name);
        if (dst == null) throw new IllegalArgumentException("no tensor '" + name + "' in " + module.stateDict().keySet());
        dst.backend().assign(dst, Tensor.of(values, dst.shape()).to(dst.dtype()));
    }

    public static double sigmoid(double x) { return 1 / (1 + Math.exp(-x)); }

    /** A flat (B, *) view of both fused outputs joined, so one gradient check covers both. */
    public static Var joined(FusionBlock.Fused fused) {
        int b = fused.video().size(0);
        return Var.cat(1, fused.video().reshape(b, -1), fused.audio().reshape(b, -1));
    }
}
