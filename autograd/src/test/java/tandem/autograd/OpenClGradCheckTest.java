package tandem.autograd;

import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.autograd.ops.SeExcite;
import tandem.autograd.ops.WindowedAttention;
import tandem.tensor.ConvSpec;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.RandomKind;
import tandem.tensor.Tensor;
import tandem.tensor.backend.Backends;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** F64 gradient checks with every tensor on the OpenCL device: conv3d, windowed attention, SE excitation. */
class OpenClGradCheckTest {
    static final Device CL = Device.parse("opencl");
    private static long seed = 100;

    @BeforeAll
    static void device() {
        assumeTrue(Backends.isAvailable(CL), "no OpenCL device (install an OpenCL driver, e.g. pocl-opencl-icd)");
    }

    static Var p(int... shape) {
        return Var.param(Tensor.random(RandomKind.NORMAL, seed++, 0, 1, DType.F64, CL, shape));
    }

    static void check(Function<Var[], Var> f, Var... in) {
        GradCheck.Result r = GradCheck.check(f, in);
        assertTrue(r.passed(), r.toString());
        for (Var v : in) assertTrue(v.grad().device().equals(CL), "gradient computed on " + v.grad().device());
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
}
