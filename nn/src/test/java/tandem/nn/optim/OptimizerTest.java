package tandem.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import tandem.autograd.Var;
import tandem.tensor.Tensor;

/** Updates compared with values computed by hand from PyTorch's definitions. */
class OptimizerTest {
    static Var param(double v) { return Var.param(Tensor.of(new double[] {v})); }

    static void grad(Var p, double g) { p.setGrad(Tensor.of(new double[] {g})); }

    @Test void sgdMomentumAndNesterov() {
        Var p = param(1.0);
        Sgd sgd = new Sgd(List.of(p), 0.1, 0.9, 0, 0, false);
        grad(p, 2); sgd.step();                       // buf = 2; p = 1 - 0.2
        assertEquals(0.8, p.item(), 1e-12);
        grad(p, 1); sgd.step();                       // buf = 0.9*2 + 1 = 2.8; p = 0.8 - 0.28
        assertEquals(0.52, p.item(), 1e-12);

        Var q = param(1.0);
        Sgd nes = new Sgd(List.of(q), 0.1, 0.9, 0, 0.5, true);
        grad(q, 2); nes.step();                       // g = 2 + 0.5 = 2.5; buf = 2.5; g' = 2.5 + 0.9*2.5 = 4.75
        assertEquals(1 - 0.475, q.item(), 1e-12);
    }

    @Test void adamFirstStepsMatchTheDefinition() {
        Var p = param(1.0);
        Adam adam = new Adam(List.of(p), 0.1);
        grad(p, 0.5); adam.step();                    // bias-corrected m/sqrt(v) = 1 -> p = 1 - 0.1
        assertEquals(0.9, p.item(), 1e-7);
        double p1 = p.item();
        grad(p, -1.0); adam.step();
        double m = 0.9 * 0.05 + 0.1 * -1.0, v = 0.999 * 0.00025 + 0.001 * 1.0;
        double expected = p1 - 0.1 * (m / (1 - 0.81)) / (Math.sqrt(v / (1 - 0.999 * 0.999)) + 1e-8);
        assertEquals(expected, p.item(), 1e-12);
    }

    @Test void adamWDecaysDecoupled() {
        Var p = param(2.0);
        Adam w = Adam.adamW(List.of(p), 0.1, 0.5);
        grad(p, 1.0); w.step();                       // p = 2*(1 - 0.05) - 0.1 * 1
        assertEquals(1.8, p.item(), 1e-7);
    }

    @Test void stateRoundTripContinuesIdentically() {
        Var a = param(1.0), b = param(1.0);
        Adam oa = new Adam(List.of(a), 0.05), ob = new Adam(List.of(b), 0.05);
        for (int i = 0; i < 3; i++) { grad(a, 0.3 * i - 0.2); oa.step(); }
        b.data().backend().assign(b.data(), a.data());
        ob.loadStateDict(oa.stateDict());
        grad(a, 0.7); oa.step();
        grad(b, 0.7); ob.step();
        assertEquals(a.item(), b.item(), 0);
    }

    @Test void schedules() {
        LrSchedule s = LrSchedule.step(1.0, 2, 0.5);
        assertEquals(1.0, s.lr(1), 0);
        assertEquals(0.25, s.lr(4), 0);
        LrSchedule c = LrSchedule.cosine(1.0, 0.0, 10, 0);
        assertEquals(1.0, c.lr(0), 1e-12);
        assertEquals(0.5, c.lr(5), 1e-12);
        assertEquals(0.0, c.lr(10), 1e-12);
    }
}
