package tandem.emotion.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DecibelsTest {

    @Test
    void tenLogTenWithTheAminFloor() {
        double[][] db = Decibels.powerToDb(new double[][] {{1, 100, 1e-3, 0, 1e-12}}, Double.POSITIVE_INFINITY);
        assertArrayEquals(new double[] {0, 20, -30, -100, -100}, db[0], 1e-12);
    }

    @Test
    void topDbRaisesEverythingBelowTheGlobalMaximumMinusTopDb() {
        // loudest cell 20 dB, in the other row: the floor is global, 20 - 80 = -60
        double[][] power = {{100, 1e-9}, {1, 1e-3}};
        double[][] db = Decibels.powerToDb(power, 80);
        assertArrayEquals(new double[] {20, -60}, db[0], 1e-12);
        assertArrayEquals(new double[] {0, -30}, db[1], 1e-12);
        assertArrayEquals(new double[] {100, 1e-9}, power[0], 0);  // input untouched
    }

    @Test
    void allSilentStaysAtTheAminFloor() {
        double[][] db = Decibels.powerToDb(new double[][] {{0, 0}, {0, 0}}, 80);
        assertArrayEquals(new double[] {-100, -100}, db[0], 0);
    }

    @Test
    void negativeTopDbIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Decibels.powerToDb(new double[][] {{1}}, -1));
    }
}
