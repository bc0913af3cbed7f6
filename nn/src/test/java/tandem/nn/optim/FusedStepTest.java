package tandem.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tandem.autograd.Var;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.RandomKind;
import tandem.tensor.Tensor;
import tandem.tensor.backend.Backends;
import tandem.tensor.backend.FusedOp;
import tandem.tensor.memory.MemoryTracker;

/**
 * The fused optimizer steps (one backend call per parameter tensor) against the same updates composed of elementwise
 * ops, on the CPU in F32 and F64 and on OpenCL; on a device, a step launches one kernel per parameter and moves no
 * byte between host and device.
 */
class FusedStepTest {
    static final Device CL = Device.parse("opencl");

    /** Optimizers under test, each built over the given parameters. */
    static final List<Function<List<Var>, Optimizer>> OPTIMIZERS = List.of(
            p -> new Adam(p, 0.05),
            p -> new Adam(p, 0.05, 0.8, 0.99, 1e-6, 0.01, false),
            p -> Adam.adamW(p, 0.05, 0.1),
            p -> new Sgd(p, 0.1),
            p -> new Sgd(p, 0.1, 0.9, 0.2, 0.01, false),
            p -> new Sgd(p, 0.1, 0.9, 0, 0.01, true));

    /** Parameters (3, 5) and (7) on {@code device}, stepped 4 times with fixed gradients; the final values. */
    static List<double[]> train(Function<List<Var>, Optimizer> make, DType dtype, Device device, boolean fused) {
        List<Var> params = List.of(Var.param(randn(1, dtype, device, 3, 5)), Var.param(randn(2, dtype, device, 7)));
        Optimizer opt = make.apply(params).useFusedStep(fused);
        for (int s = 0; s < 4; s++) {
            for (int i = 0; i < params.size(); i++) params.get(i).setGrad(randn(10 * s + i, dtype, device, params.get(i).shape()));
            opt.step();
        }
        List<double[]> out = new ArrayList<>();
        for (Var p : params) out.add(p.data().toDoubleArray());
        return out;
    }

    @Test void fusedStepsEqualTheElementwiseUpdatesOnTheCpu() {
        assertTrue(Backends.get(Device.CPU).hasFused(FusedOp.ADAM_STEP) && Backends.get(Device.CPU).hasFused(FusedOp.SGD_STEP));
        for (DType t : DType.values()) {
            double tol = t == DType.F64 ? 1e-13 : 2e-6;
            for (int o = 0; o < OPTIMIZERS.size(); o++) {
                assertSame(train(OPTIMIZERS.get(o), t, Device.CPU, false), train(OPTIMIZERS.get(o), t, Device.CPU, true), tol,
                        "optimizer " + o + " " + t);
            }
        }
    }

    @Test void onOpenClEachParameterIsOneLaunchAndNothingCrossesTheBus() {
        assumeTrue(Backends.isAvailable(CL), "no OpenCL device (install an OpenCL driver, e.g. pocl-opencl-icd)");
        for (int o = 0; o < OPTIMIZERS.size(); o++) {
            List<double[]> cpu = train(OPTIMIZERS.get(o), DType.F32, Device.CPU, true);
            assertSame(cpu, train(OPTIMIZERS.get(o), DType.F32, CL, true), 2e-6, "optimizer " + o + " on OpenCL");

            List<Var> params = List.of(Var.param(randn(1, DType.F32, CL, 3, 5)), Var.param(randn(2, DType.F32, CL, 7)));
            Optimizer opt = OPTIMIZERS.get(o).apply(params);
            String kernel = opt instanceof Adam ? "adam" : "sgd_momentum";
            for (int s = 0; s < 2; s++) {
                for (Var p : params) p.setGrad(randn(s, DType.F32, CL, p.shape()));
                Map<String, Long> before = Backends.get(CL).kernelLaunches();
                long up = MemoryTracker.uploadedBytes(CL), down = MemoryTracker.downloadedBytes(CL);
                opt.step();
                Map<String, Long> after = Backends.get(CL).kernelLaunches();
                assertEquals(0, MemoryTracker.uploadedBytes(CL) - up, "bytes uploaded by a step");
                assertEquals(0, MemoryTracker.downloadedBytes(CL) - down, "bytes downloaded by a step");
                long total = 0;
                for (Map.Entry<String, Long> e : after.entrySet()) total += e.getValue() - before.getOrDefault(e.getKey(), 0L);
                long mine = after.getOrDefault(kernel, 0L) - before.getOrDefault(kernel, 0L);
                // Sgd's first step also zero-fills its momentum buffers on the device (a fill, not a kernel launch)
                assertEquals(params.size(), mine, "optimizer " + o + ": one " + kernel + " launch per parameter tensor");
                assertEquals(mine, total, "optimizer " + o + ": no other kernel ran during the step");
            }
        }
    }

    private static void assertSame(List<double[]> want, List<double[]> got, double tol, String what) {
        for (int i = 0; i < want.size(); i++) {
            for (int j = 0; j < want.get(i).length; j++) {
                double w = want.get(i)[j], g = got.get(i)[j];
                assertTrue(Math.abs(w - g) <= tol * (1 + Math.abs(w)), what + ": parameter " + i + "[" + j + "] " + g + " vs " + w);
            }
        }
    }

    private static Tensor randn(long seed, DType t, Device device, int... shape) {
        return Tensor.random(RandomKind.NORMAL, seed, 0, 1, t, device, shape);
    }
}
