package tandem.kernels.cpu;

import org.junit.jupiter.api.Test;
import tandem.tensor.BinaryOp;
import tandem.tensor.DType;
import tandem.tensor.Tensor;
import tandem.tensor.UnaryOp;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static tandem.kernels.cpu.Checks.assertClose;

class ElementwiseBackendTest {
    private static final double[] VALUES = {-2, -0.5, 0.25, 3};

    @Test
    void everyUnaryOpMatchesItsDefinition() {
        double p = 1.5;
        Map<UnaryOp, DoubleUnaryOperator> def = new EnumMap<>(UnaryOp.class);
        def.put(UnaryOp.NEG, v -> -v);
        def.put(UnaryOp.EXP, Math::exp);
        def.put(UnaryOp.LOG, Math::log);
        def.put(UnaryOp.SQRT, Math::sqrt);
        def.put(UnaryOp.RSQRT, v -> 1 / Math.sqrt(v));
        def.put(UnaryOp.ABS, Math::abs);
        def.put(UnaryOp.SQUARE, v -> v * v);
        def.put(UnaryOp.RECIPROCAL, v -> 1 / v);
        def.put(UnaryOp.RELU, v -> Math.max(v, 0));
        def.put(UnaryOp.SIGMOID, v -> 1 / (1 + Math.exp(-v)));
        def.put(UnaryOp.TANH, Math::tanh);
        def.put(UnaryOp.SIGN, Math::signum);
        def.put(UnaryOp.POW, v -> Math.pow(v, p));
        def.put(UnaryOp.ADD_SCALAR, v -> v + p);
        def.put(UnaryOp.MUL_SCALAR, v -> v * p);
        def.put(UnaryOp.LEAKY_RELU, v -> v > 0 ? v : p * v);
        assertEquals(UnaryOp.values().length, def.size(), "every unary op has a definition here");
        Tensor x = Tensor.of(VALUES, 2, 2);
        for (UnaryOp op : UnaryOp.values()) {
            Tensor y = x.unary(op, p);
            assertArrayEquals(new int[] {2, 2}, y.shape(), op + " shape");
            for (int i = 0; i < VALUES.length; i++) {
                assertClose(def.get(op).applyAsDouble(VALUES[i]), y.toDoubleArray()[i], 0, 1e-15, op + " of " + VALUES[i]);
            }
        }
    }

    @Test
    void sigmoidStaysFiniteForLargeMagnitudes() {
        double[] y = Tensor.of(new double[] {-800, 800}, 2).unary(UnaryOp.SIGMOID).toDoubleArray();
        assertArrayEquals(new double[] {0, 1}, y, 0);
    }

    @Test
    void binaryOpsBroadcastLikeNumPy() {
        // a: (2, 1, 3), b: (4, 1) -> (2, 4, 3)
        double[] av = {1, 2, 3, 4, 5, 6}, bv = {0.5, 2, 4, -1};
        Tensor a = Tensor.of(av, 2, 1, 3), b = Tensor.of(bv, 4, 1);
        Map<BinaryOp, DoubleBinaryOperator> def = new EnumMap<>(BinaryOp.class);
        def.put(BinaryOp.ADD, (u, v) -> u + v);
        def.put(BinaryOp.SUB, (u, v) -> u - v);
        def.put(BinaryOp.MUL, (u, v) -> u * v);
        def.put(BinaryOp.DIV, (u, v) -> u / v);
        def.put(BinaryOp.POW, Math::pow);
        def.put(BinaryOp.MAX, Math::max);
        def.put(BinaryOp.MIN, Math::min);
        def.put(BinaryOp.GT, (u, v) -> u > v ? 1 : 0);
        def.put(BinaryOp.GE, (u, v) -> u >= v ? 1 : 0);
        def.put(BinaryOp.LT, (u, v) -> u < v ? 1 : 0);
        def.put(BinaryOp.EQ, (u, v) -> u == v ? 1 : 0);
        assertEquals(BinaryOp.values().length, def.size(), "every binary op has a definition here");
        for (BinaryOp op : BinaryOp.values()) {
            Tensor y = a.binary(op, b);
            assertArrayEquals(new int[] {2, 4, 3}, y.shape(), op + " shape");
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 4; j++) {
                    for (int k = 0; k < 3; k++) {
                        double expected = def.get(op).applyAsDouble(av[i * 3 + k], bv[j]);
                        assertClose(expected, y.get(i, j, k), 0, 1e-15, op + " at (" + i + ", " + j + ", " + k + ")");
                    }
                }
            }
        }
    }

    @Test
    void zeroDimensionalTensorsBroadcastAgainstAnything() {
        Tensor y = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).mul(Tensor.scalar(-2, DType.F32));
        assertArrayEquals(new int[] {2, 3}, y.shape());
        assertArrayEquals(new float[] {-2, -4, -6, -8, -10, -12}, y.toFloatArray());
    }

    @Test
    void whereBroadcastsConditionAndBothBranches() {
        Tensor cond = Tensor.of(new double[] {1, 0, 1}, 3, 1);       // (3, 1)
        Tensor a = Tensor.of(new double[] {10, 20}, 1, 2);           // (1, 2)
        Tensor b = Tensor.of(new double[] {-1, -2}, 2);              // (2)
        Tensor y = a.backend().where(cond, a, b);
        assertArrayEquals(new int[] {3, 2}, y.shape());
        assertArrayEquals(new double[] {10, 20, -1, -2, 10, 20}, y.toDoubleArray(), 0);
    }

    @Test
    void castConvertsBothWaysAndRoundsToFloat() {
        Tensor d = Tensor.of(new double[] {0.1, -3, 1e10}, 3);
        Tensor f = d.to(DType.F32);
        assertEquals(DType.F32, f.dtype());
        assertArrayEquals(new float[] {0.1f, -3f, 1e10f}, f.toFloatArray());
        Tensor back = f.to(DType.F64);
        assertEquals(DType.F64, back.dtype());
        assertArrayEquals(new double[] {0.1f, -3, 1e10f}, back.toDoubleArray(), 0);
        assertEquals(d, d.to(DType.F64), "casting to the same dtype returns the tensor itself");
    }

    @Test
    void fillWritesOnlyTheElementsOfTheView() {
        Tensor x = Tensor.zeros(DType.F64, tandem.tensor.Device.CPU, 3, 4);
        x.backend().fill(x.slice(1, 1, 4, 2), 7);    // columns 1 and 3
        assertArrayEquals(new double[] {0, 7, 0, 7, 0, 7, 0, 7, 0, 7, 0, 7}, x.toDoubleArray(), 0);
        Tensor f = Tensor.full(2.5, DType.F32, tandem.tensor.Device.CPU, 2, 2);
        assertArrayEquals(new float[] {2.5f, 2.5f, 2.5f, 2.5f}, f.toFloatArray());
    }

    @Test
    void assignBroadcastsTheSourceIntoAView() {
        Tensor x = Tensor.zeros(DType.F32, tandem.tensor.Device.CPU, 4, 3);
        x.backend().assign(x.narrow(0, 1, 2), Tensor.of(new float[] {1, 2, 3}, 1, 3));
        assertArrayEquals(new float[] {0, 0, 0, 1, 2, 3, 1, 2, 3, 0, 0, 0}, x.toFloatArray());
        // overlapping source and destination: the source is read before anything is written
        x.backend().assign(x.narrow(0, 0, 3), x.narrow(0, 1, 3));
        assertArrayEquals(new float[] {1, 2, 3, 1, 2, 3, 0, 0, 0, 0, 0, 0}, x.toFloatArray());
    }
}
