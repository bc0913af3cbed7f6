package tandem.emotion.audio;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OrthoDctTest {

    @Test
    void handCheckedLengthFour() {
        // y[j] = s(j) sum x[m] cos(pi j (2m+1) / 8), s(0) = 1/2, s(j>0) = 1/sqrt(2). With c1 = cos(pi/8), c3 = cos(3pi/8)
        // and cos(5pi/8) = -c3, cos(7pi/8) = -c1:
        //   y0 = (1+2+3+4)/2 = 5
        //   y1 = (c1 + 2 c3 - 3 c3 - 4 c1)/sqrt2 = (-3 c1 - c3)/sqrt2  (= -2.2304425)
        //   y2 = (1 - 2 - 3 + 4) cos(pi/4)/sqrt2 = 0
        //   y3 = (c3 - 2 c1 + 3 c1 - 4 c3)/sqrt2 = (c1 - 3 c3)/sqrt2   (= -0.1585127)
        double c1 = Math.cos(Math.PI / 8), c3 = Math.cos(3 * Math.PI / 8), r2 = Math.sqrt(2);
        double[] expected = {5, (-3 * c1 - c3) / r2, 0, (c1 - 3 * c3) / r2};
        assertArrayEquals(expected, OrthoDct.transform(new double[] {1, 2, 3, 4}), 1e-14);
        assertEquals(-2.2304425, expected[1], 1e-7);
        assertEquals(-0.1585127, expected[3], 1e-7);
    }

    @Test
    void constantInputHasOnlyADcTerm() {
        double[] x = new double[128];
        Arrays.fill(x, -100);
        double[] y = OrthoDct.transform(x);
        assertEquals(-100 * Math.sqrt(128), y[0], 1e-10);
        for (int j = 1; j < y.length; j++) assertEquals(0, y[j], 1e-10, "coefficient " + j);
    }

    @Test
    void orthonormalSoEnergyIsPreserved() {
        Random rng = new Random(7);
        double[] x = new double[128];
        double energy = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
            energy += x[i] * x[i];
        }
        double out = 0;
        for (double v : OrthoDct.transform(x)) out += v * v;
        assertEquals(energy, out, 1e-10 * energy);
    }

    @Test
    void firstKAreAPrefixOfTheFullTransform() {
        double[] x = new double[128];
        for (int i = 0; i < x.length; i++) x[i] = Math.sin(0.37 * i) * i;
        double[] full = OrthoDct.transform(x);
        double[] first13 = new OrthoDct(128, 13).apply(x);
        assertArrayEquals(Arrays.copyOf(full, 13), first13, 1e-10);
    }

    @Test
    void badSizesAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> new OrthoDct(4, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OrthoDct(8, 2).apply(new double[7]));
        assertEquals("OrthoDct: input of length 7, expected 8", e.getMessage());
    }
}
