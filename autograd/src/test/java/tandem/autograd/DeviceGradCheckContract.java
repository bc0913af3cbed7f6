package tandem.autograd;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tandem.autograd.ops.SeExcite;
import tandem.autograd.ops.WindowedAttention;
import tandem.tensor.ConvSpec;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.RandomKind;
import tandem.tensor.Tensor;
import tandem.tensor.backend.Backend;
import tandem.tensor.backend.Backends;
import tandem.tensor.backend.FusedOp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * F64 gradient checks with every tensor on a device (conv3d, windowed attention, SE excitation), and the fused ops'
 * forward and backward through autograd counted kernel by kernel: each fused kernel runs once, and no gemm or softmax
 * runs, so the Var-level composite did not stand in for it. Results equal the CPU's. A subclass names the device; when
 * it cannot be opened, every test is skipped with the reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DeviceGradCheckContract {
    private long seed = 100;

    abstract Device device();

    @BeforeAll
    void open() {
        try {
            Backends.get(device());
        } catch (RuntimeException | LinkageError e) {
            assumeTrue(false, device() + " unavailable: " + e.getMessage());
        }
    }

    Var p(int... shape) {
        return Var.param(Tensor.random(RandomKind.NORMAL, seed++, 0, 1, DType.F64, device(), shape));
    }

    void check(Function<Var[], Var> f, Var... in) {
        GradCheck.Result r = GradCheck.check(f, in);
        assertTrue(r.passed(), r.toString());
        for (Var v : in) assertTrue(v.grad().device().equals(device()), "gradient computed on " + v.grad().device());
    }

    @Test void conv3dWithStridePaddingDilationGroups() {
        check(v -> v[0].conv(v[1], new ConvSpec(new int[] {1, 2, 1}, new int[] {1, 1, 0}, new int[] {1, 1, 2}, 2)),
                p(1, 4, 3, 5, 5), p(4, 2, 2, 3, 2));
    }

    @Test void windowedAttention() {
        check(v -> WindowedAttention.apply(v[0], v[1], v[2], 2, 0.5), p(2, 5, 3), p(2, 7, 3), p(2, 7, 4));
    }

    @Test void seExcitation() {
        check(v -> SeExcite.apply(v[0], v[1], v[2], v[3], v[4]), p(2, 6), p(3, 2, 6), p(3, 2), p(3, 6, 2), p(3, 6));
    }

    @Test void windowedAttentionRunsItsFusedKernelsAndMatchesTheCpu() {
        for (DType t : DType.values()) {
            Tensor[] in = {randn(1, t, 2, 9, 5), randn(2, t, 2, 13, 5), randn(3, t, 2, 13, 4)};
            Tensor r = randn(4, t, 2, 9, 4);
            Function<Var[], Var> attend = v -> WindowedAttention.apply(v[0], v[1], v[2], 3, 0.45);
            Var[] cpu = run(attend, in, r, Device.CPU);
            Map<String, Long> before = launches();
            Var[] cl = run(attend, in, r, device());
            Map<String, Long> after = launches();
            assertLaunches(before, after, t + " attention", "window_attention_fwd", "window_attention_bwd");
            assertSame(cpu, cl, t + " attention");
        }
    }

    @Test void seExcitationRunsItsFusedKernelsAndMatchesTheCpu() {
        for (DType t : DType.values()) {
            Tensor[] in = {randn(5, t, 3, 10), randn(6, t, 4, 3, 10), randn(7, t, 4, 3), randn(8, t, 4, 10, 3), randn(9, t, 4, 10)};
            Tensor r = randn(10, t, 3, 4, 10);
            Function<Var[], Var> excite = v -> SeExcite.apply(v[0], v[1], v[2], v[3], v[4]);
            Var[] cpu = run(excite, in, r, Device.CPU);
            Map<String, Long> before = launches();
            Var[] cl = run(excite, in, r, device());
            Map<String, Long> after = launches();
            assertLaunches(before, after, t + " se", "se_excite_fwd", "se_excite_bwd", "se_excite_bwd_dz");
            assertSame(cpu, cl, t + " se");
        }
    }

    /** Forward and backward of sum(f(inputs) * r) with the inputs on {@code device}; returns {output, inputs...}. */
    private static Var[] run(Function<Var[], Var> f, Tensor[] in, Tensor r, Device device) {
        Var[] v = new Var[in.length];
        for (int i = 0; i < in.length; i++) v[i] = Var.param(in[i].to(device));
        Var out = f.apply(v);
        out.mul(Var.constant(r.to(device))).sum().backward();
        Var[] all = new Var[in.length + 1];
        all[0] = out;
        System.arraycopy(v, 0, all, 1, v.length);
        return all;
    }

    private static void assertSame(Var[] cpu, Var[] cl, String what) {
        double tol = cpu[0].dtype() == DType.F64 ? 1e-11 : 1e-4;
        WindowedAttentionTest.assertClose(cpu[0].data(), cl[0].data(), tol, tol, what + " output");
        for (int i = 1; i < cpu.length; i++) {
            WindowedAttentionTest.assertClose(cpu[i].grad(), cl[i].grad(), tol, tol, what + " gradient of input " + (i - 1));
        }
    }

    private Map<String, Long> launches() {
        Backend be = Backends.get(device());
        assertTrue(be.hasFused(FusedOp.WINDOW_ATTENTION) && be.hasFused(FusedOp.SE_EXCITE), device() + " brings the fused kernels");
        return be.kernelLaunches();
    }

    private static void assertLaunches(Map<String, Long> before, Map<String, Long> after, String what, String... fused) {
        for (String k : fused) assertEquals(1L, after.getOrDefault(k, 0L) - before.getOrDefault(k, 0L), what + ": launches of " + k);
        for (String k : new String[] {"gemm", "softmax_fwd", "softmax_bwd"}) {
            assertEquals(before.getOrDefault(k, 0L), after.getOrDefault(k, 0L), what + ": " + k + " ran, so a composite stood in");
        }
    }

    private static Tensor randn(long s, DType t, int... shape) {
        return Tensor.random(RandomKind.NORMAL, s, 0, 1, t, Device.CPU, shape);
    }
}
