package tandem.kernels.cpu;

import org.junit.jupiter.api.Test;
import tandem.tensor.DType;
import tandem.tensor.Tensor;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Expected strings are NumPy's own output for the same arrays, with "array(" read as "tensor(". */
class TensorFormatTest {
    @Test
    void smallMatrixPrintsLikeNumPy() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals("tensor([[1., 2., 3.],\n"
                   + "        [4., 5., 6.]], shape=[2, 3], dtype=F32)", x.toString());
    }

    @Test
    void largeVectorIsSummarised() {
        assertEquals("tensor([   0.,    1.,    2., ...,  998.,  999., 1000.], shape=[1001], dtype=F64)",
                Tensor.arange(1001, DType.F64).toString());
    }

    @Test
    void largeMatrixIsSummarisedAlongBothAxes() {
        float[] v = new float[1200];
        for (int i = 0; i < v.length; i++) v[i] = i % 100;
        Tensor x = Tensor.of(v, 50, 24);
        assertEquals("tensor([[ 0.,  1.,  2., ..., 21., 22., 23.],\n"
                   + "        [24., 25., 26., ..., 45., 46., 47.],\n"
                   + "        [48., 49., 50., ..., 69., 70., 71.],\n"
                   + "        ...,\n"
                   + "        [28., 29., 30., ..., 49., 50., 51.],\n"
                   + "        [52., 53., 54., ..., 73., 74., 75.],\n"
                   + "        [76., 77., 78., ..., 97., 98., 99.]], shape=[50, 24], dtype=F32)", x.toString());
    }

    @Test
    void fractionsUseAPointWhateverTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("tensor([0.2500, 1.5000], shape=[2], dtype=F64)", Tensor.of(new double[] {0.25, 1.5}, 2).toString());
        } finally {
            Locale.setDefault(saved);
        }
    }
}
