package tandem.kernels.cpu;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.RandomKind;
import tandem.tensor.Tensor;
import tandem.tensor.backend.Backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomBackendTest {
    private final Backend cpu = Tensor.zeros(1).backend();

    @Test
    void valueDependsOnlyOnSeedAndPositionWhateverTheOffsetSplit() {
        for (RandomKind kind : RandomKind.values()) {
            double[] whole = cpu.random(kind, new int[] {2, 5}, DType.F64, 7, 0, 0.3, 1).toDoubleArray();
            double[] head = cpu.random(kind, new int[] {4}, DType.F64, 7, 0, 0.3, 1).toDoubleArray();
            double[] tail = cpu.random(kind, new int[] {3, 2}, DType.F64, 7, 4, 0.3, 1).toDoubleArray();
            double[] joined = new double[10];
            System.arraycopy(head, 0, joined, 0, 4);
            System.arraycopy(tail, 0, joined, 4, 6);
            assertArrayEquals(whole, joined, 0, kind + ": split at offset 4");
            double[] f32 = cpu.random(kind, new int[] {10}, DType.F32, 7, 0, 0.3, 1).toDoubleArray();
            for (int i = 0; i < 10; i++) assertEquals((float) whole[i], f32[i], 0, kind + ": F32 is the rounded F64 stream");
            double[] otherSeed = cpu.random(kind, new int[] {10}, DType.F64, 8, 0, 0.3, 1).toDoubleArray();
            if (kind != RandomKind.BERNOULLI) assertFalse(Arrays.equals(whole, otherSeed), kind + ": seeds differ");
        }
    }

    @Test
    void momentsAreRoughlyRight() {
        int n = 20000;
        double[] normal = Tensor.random(RandomKind.NORMAL, 3, 2, 3, DType.F64, Device.CPU, n).toDoubleArray();
        // standard error of the mean is 3 / sqrt(20000) ~ 0.02
        assertEquals(2, mean(normal), 0.1, "normal mean");
        assertEquals(3, std(normal), 0.1, "normal std");
        double[] uniform = Tensor.random(RandomKind.UNIFORM, 4, -1, 3, DType.F64, Device.CPU, n).toDoubleArray();
        for (double u : uniform) assertTrue(u >= -1 && u < 3, "uniform value " + u + " outside [-1, 3)");
        assertEquals(1, mean(uniform), 0.05, "uniform mean");
        assertEquals(4 / Math.sqrt(12), std(uniform), 0.05, "uniform std");
        double[] coin = Tensor.random(RandomKind.BERNOULLI, 5, 0.3, 0, DType.F32, Device.CPU, n).toDoubleArray();
        for (double c : coin) assertTrue(c == 0 || c == 1, "bernoulli value " + c);
        assertEquals(0.3, mean(coin), 0.02, "bernoulli rate");
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) s += d;
        return s / v.length;
    }

    private static double std(double[] v) {
        double m = mean(v), s = 0;
        for (double d : v) s += (d - m) * (d - m);
        return Math.sqrt(s / v.length);
    }
}
