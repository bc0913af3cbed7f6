package tandem.kernels.cpu;

import org.junit.jupiter.api.Test;
import tandem.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static tandem.kernels.cpu.Checks.assertClose;

class MatmulBackendTest {
    @Test
    void batchDimensionsBroadcast() {
        // a: (2, 1, 3, 4) @ b: (5, 4, 2) -> (2, 5, 3, 2)
        double[] av = Checks.random(1, 24), bv = Checks.random(2, 40);
        Tensor y = Tensor.of(av, 2, 1, 3, 4).matmul(Tensor.of(bv, 5, 4, 2));
        assertArrayEquals(new int[] {2, 5, 3, 2}, y.shape());
        for (int p = 0; p < 2; p++) {
            for (int q = 0; q < 5; q++) {
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 2; j++) {
                        double s = 0;
                        for (int k = 0; k < 4; k++) s += av[(p * 3 + i) * 4 + k] * bv[(q * 4 + k) * 2 + j];
                        assertClose(s, y.get(p, q, i, j), 1e-15, 1e-14, "y[" + p + ", " + q + ", " + i + ", " + j + "]");
                    }
                }
            }
        }
    }

    @Test
    void matrixTimesItsTransposeIsSymmetricWithSquaredNormsOnTheDiagonal() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor g = a.matmul(a.transpose(0, 1));
        assertArrayEquals(new double[] {14, 32, 32, 77}, g.toDoubleArray(), 0);
    }
}
