package tandem.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tandem.tensor.Tensor;

class EngineTest {
    static Var scalarParam(double v) { return Var.param(Tensor.of(new double[] {v})); }

    @Test void gradientsOfASmallExpressionByHand() {
        Var a = scalarParam(2), b = scalarParam(-3);
        Var c = a.mul(b).add(a.pow(2));        // c = ab + a^2
        c.backward();
        assertEquals(-3 + 4, a.grad().item(), 1e-12);   // dc/da = b + 2a
        assertEquals(2, b.grad().item(), 1e-12);        // dc/db = a
    }

    @Test void gradientsAccumulateAcrossBackwardCalls() {
        Var a = scalarParam(3);
        a.mul(a).backward();
        a.mul(a).backward();
        assertEquals(12, a.grad().item(), 1e-12);
        a.zeroGrad();
        assertNull(a.grad());
    }

    @Test void diamondGraphSumsBothPaths() {
        Var x = scalarParam(1.5);
        Var y = x.exp();
        Var z = y.mul(y).add(y);                // z = e^{2x} + e^x
        z.backward();
        assertEquals(2 * Math.exp(3) + Math.exp(1.5), x.grad().item(), 1e-9);
    }

    @Test void secondBackwardFailsUnlessGraphRetained() {
        Var x = scalarParam(2);
        Var y = x.mul(x);
        y.backward(Tensor.of(new double[] {1}), true);
        y.backward(Tensor.of(new double[] {1}), false);
        assertEquals(8, x.grad().item(), 1e-12);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.backward());
        assertTrue(e.getMessage().contains("retainGraph"), e.getMessage());
    }

    @Test void noGradAndDetachCutTheGraph() {
        Var x = scalarParam(2);
        try (GradMode off = GradMode.off()) {
            assertFalse(x.mul(x).requiresGrad());
        }
        assertTrue(x.mul(x).requiresGrad());
        Var d = x.detach();
        assertFalse(d.requiresGrad());
        Var y = x.mul(d);                       // only the first factor carries a gradient
        y.backward();
        assertEquals(2, x.grad().item(), 1e-12);
    }

    @Test void hooksSeeIntermediateGradientsAndRetainGradKeepsThem() {
        Var x = Var.param(Tensor.of(new double[] {1, 2, 3}, 3));
        Var h = x.mul(x).retainGrad();
        List<double[]> seen = new ArrayList<>();
        h.onGrad(g -> seen.add(g.toDoubleArray()));
        h.mul(Var.constant(Tensor.of(new double[] {10, 20, 30}, 3))).sum().backward();
        assertEquals(1, seen.size());
        assertArrayEquals(new double[] {10, 20, 30}, seen.get(0), 1e-12);
        assertNotNull(h.grad());
        assertArrayEquals(new double[] {20, 80, 180}, x.grad().toDoubleArray(), 1e-12);
    }

    @Test void backwardOnNonScalarNeedsASeed() {
        Var x = Var.param(Tensor.of(new double[] {1, 2}, 2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.mul(x).backward());
        assertTrue(e.getMessage().contains("scalar"), e.getMessage());
    }

    @Test void deepChainsDoNotOverflowTheStack() {
        Var x = scalarParam(1);
        Var y = x;
        for (int i = 0; i < 20000; i++) y = y.add(0.0);
        y.backward();
        assertEquals(1, x.grad().item(), 0);
    }

    @Test void shapeErrorsNameTheOpAndShapes() {
        Var a = Var.param(Tensor.zeros(2, 3)), b = Var.param(Tensor.zeros(4, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.matmul(b));
        assertTrue(e.getMessage().contains("matmul") && e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.add(b));
        assertTrue(e.getMessage().contains("add") && e.getMessage().contains("[2, 3]"), e.getMessage());
        Var c = Var.param(Tensor.of(new double[] {1, 2, 3}, 3));
        e = assertThrows(IllegalArgumentException.class, () -> Var.param(Tensor.zeros(3)).mul(c));
        assertTrue(e.getMessage().contains("dtypes differ") && e.getMessage().contains("F64"), e.getMessage());
    }
}
