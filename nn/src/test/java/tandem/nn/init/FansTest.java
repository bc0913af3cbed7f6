package tandem.nn.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Values worked out from PyTorch's definition of fan-in/fan-out for each layer's stored weight shape. */
class FansTest {
    @Test
    void linearWeightIsOutByIn() {
        assertEquals(new Fans(128, 4), Fans.of(4, 128));   // nn.Linear(128, 4).weight: (4, 128)
    }

    @Test
    void conv1dMultipliesByTheKernel() {
        assertEquals(new Fans(13 * 3, 64 * 3), Fans.of(64, 13, 3));   // nn.Conv1d(13, 64, 3)
    }

    @Test
    void conv3dWithGroupsUsesTheStoredChannelsPerGroup() {
        // nn.Conv3d(128, 128, 3, groups=32).weight: (128, 4, 3, 3, 3)
        assertEquals(new Fans(4 * 27, 128 * 27), Fans.of(128, 128 / 32, 3, 3, 3));
        // nn.Conv3d(3, 64, (7, 7, 7)): fan_in 3*343, fan_out 64*343
        assertEquals(new Fans(3 * 343, 64 * 343), Fans.of(64, 3, 7, 7, 7));
    }

    @Test
    void fewerThanTwoDimensionsIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fans.of(5));
        assertTrue(e.getMessage().contains("[5]") && e.getMessage().contains("at least 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, Fans::of);
    }

    @Test
    void overflowIsReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fans.of(2, 65536, 65536));
        assertTrue(e.getMessage().contains("overflows"), e.getMessage());
    }

    @Test
    void gainsMatchPyTorch() {
        assertEquals(1.0, Nonlinearity.LINEAR.gain(), 0);
        assertEquals(1.0, Nonlinearity.SIGMOID.gain(), 0);
        assertEquals(5.0 / 3, Nonlinearity.TANH.gain(), 1e-15);
        assertEquals(Math.sqrt(2), Nonlinearity.RELU.gain(), 1e-15);
        assertEquals(0.75, Nonlinearity.SELU.gain(), 0);
        assertEquals(Math.sqrt(2 / 1.0001), Nonlinearity.LEAKY_RELU.gain(), 1e-15);
        assertEquals(Math.sqrt(1.0 / 3), Nonlinearity.LEAKY_RELU.gain(Math.sqrt(5)), 1e-15);
        assertEquals(Math.sqrt(2), Nonlinearity.LEAKY_RELU.gain(0), 1e-15);
    }
}
