package tandem.kernels.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tandem.tensor.DType;
import tandem.tensor.RandomKind;
import tandem.tensor.Tensor;

/** The counter-based generator (bit-exact uniforms) and the fused SGD and Adam updates. */
public interface RandomOptimizerContract extends DeviceFixture {
    @Test
    default void uniformsAreBitExactWithTheCpuStream() {
        int[] shape = {3, 7, 11};
        for (DType dt : dtypes()) {
            for (long seed : new long[] {0, 42, -7_000_000_000L}) {
                for (long offset : new long[] {0, 1L << 33}) {
                    Tensor dev = backend().random(RandomKind.UNIFORM, shape, dt, seed, offset, 0, 1);
                    Tensor ref = cpu().random(RandomKind.UNIFORM, shape, dt, seed, offset, 0, 1);
                    Tolerance.EXACT.check("uniform seed " + seed + " offset " + offset + " " + dt, device(), dev, ref);
                    if (backend().supportsF64()) {
                        // with doubles on the device the affine map rounds once, as on the CPU: still exact
                        Tolerance.EXACT.check("uniform [-3, 5) " + dt, device(),
                                backend().random(RandomKind.UNIFORM, shape, dt, seed, offset, -3, 5),
                                cpu().random(RandomKind.UNIFORM, shape, dt, seed, offset, -3, 5));
                    }
                    Tolerance.EXACT.check("bernoulli " + dt, device(),
                            backend().random(RandomKind.BERNOULLI, shape, dt, seed, offset, 0.3, 0),
                            cpu().random(RandomKind.BERNOULLI, shape, dt, seed, offset, 0.3, 0));
                }
            }
        }
    }

    @Test
    default void normalsMatchTheCpuStreamToRounding() {
        for (DType dt : dtypes()) {
            Tensor dev = backend().random(RandomKind.NORMAL, new int[] {1000}, dt, 9, 5, 1.5, 2);
            Tensor ref = cpu().random(RandomKind.NORMAL, new int[] {1000}, dt, 9, 5, 1.5, 2);
            Tolerance.of(dt, new Tolerance(1e-5, 1e-6), new Tolerance(1e-12, 1e-12)).check("normal " + dt, device(), dev, ref);
        }
    }

    @Test
    default void sgdMomentumStepMatchesPyTorchsUpdate() {
        for (boolean nesterov : new boolean[] {false, true}) {
            float[] p = {1f, -2f, 0.5f, 3f}, g = {0.1f, 0.2f, -0.3f, 0.4f}, buf = {0.5f, -0.5f, 0.25f, 0f};
            Tensor pd = Tensor.of(p, 4).to(device()), gd = Tensor.of(g, 4).to(device()), bd = Tensor.of(buf, 4).to(device());
            double lr = 0.1, mom = 0.9, damp = 0.1, wd = 0.01;
            backend().sgdMomentumStep(pd, gd, bd, lr, mom, damp, wd, nesterov, false);
            double[] wantP = new double[4], wantB = new double[4];
            for (int i = 0; i < 4; i++) {
                double gi = g[i] + wd * p[i];
                double bi = mom * buf[i] + (1 - damp) * gi;
                wantB[i] = bi;
                wantP[i] = p[i] - lr * (nesterov ? gi + mom * bi : bi);
            }
            new Tolerance(1e-6, 1e-6).assertValues("sgd buf nesterov=" + nesterov, bd.toDoubleArray(), wantB);
            new Tolerance(1e-6, 1e-6).assertValues("sgd param nesterov=" + nesterov, pd.toDoubleArray(), wantP);
        }
    }

    @Test
    default void sgdWithoutMomentumNeedsNoBufferAndIsOneLaunch() {
        float[] p = {1f, -2f, 0.5f}, g = {0.1f, 0.2f, -0.3f};
        Tensor pd = Tensor.of(p, 3).to(device()), gd = Tensor.of(g, 3).to(device());
        long launched = backend().kernelLaunches().getOrDefault("sgd_momentum", 0L);
        backend().sgdMomentumStep(pd, gd, null, 0.5, 0, 0, 0.1, false, true);
        assertEquals(launched + 1, backend().kernelLaunches().get("sgd_momentum"));
        double[] want = new double[3];
        for (int i = 0; i < 3; i++) want[i] = p[i] - 0.5 * (g[i] + 0.1 * p[i]);
        new Tolerance(1e-6, 1e-6).assertValues("plain sgd", pd.toDoubleArray(), want);
        Tolerance.EXACT.assertValues("the gradient is not written", gd.toDoubleArray(), new double[] {g[0], g[1], g[2]});
    }

    @Test
    default void adamAndAdamWStepsMatchPyTorchsUpdate() {
        for (boolean decoupled : new boolean[] {false, true}) {
            float[] p = {1f, -2f, 0.5f}, g = {0.1f, -0.2f, 0.3f}, m = {0.01f, 0.02f, -0.03f}, v = {0.001f, 0.002f, 0.003f};
            Tensor pd = Tensor.of(p, 3).to(device()), gd = Tensor.of(g, 3).to(device());
            Tensor md = Tensor.of(m, 3).to(device()), vd = Tensor.of(v, 3).to(device());
            double lr = 1e-2, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.05;
            long step = 3;
            backend().adamStep(pd, gd, md, vd, lr, b1, b2, eps, wd, decoupled, step);
            double[] wantP = new double[3];
            for (int i = 0; i < 3; i++) {
                double pi = p[i], gi = g[i];
                if (decoupled) pi *= 1 - lr * wd; else gi += wd * pi;
                double mi = b1 * m[i] + (1 - b1) * gi, vi = b2 * v[i] + (1 - b2) * gi * gi;
                wantP[i] = pi - lr * (mi / (1 - Math.pow(b1, step))) / (Math.sqrt(vi / (1 - Math.pow(b2, step))) + eps);
            }
            new Tolerance(1e-6, 1e-6).assertValues("adam decoupled=" + decoupled, pd.toDoubleArray(), wantP);
            assertTrue(md.toDoubleArray()[0] != m[0], "adam updates the first moment in place");
        }
    }
}
