package tandem.emotion.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MelScaleTest {

    @ParameterizedTest(name = "{0} Hz = {1} mel")
    @CsvSource({
        "0, 0",
        "440, 6.6",      // linear part: 440 * 3 / 200
        "1000, 15",      // the break point
        "6400, 42",      // one factor 6.4 above 1 kHz adds 27 mels
        "40960, 69"      // two factors 6.4
    })
    void knownPoints(double hz, double mel) {
        assertEquals(mel, MelScale.hzToMel(hz), 1e-12 + 1e-12 * mel);
        assertEquals(hz, MelScale.melToHz(mel), 1e-9 + 1e-12 * hz);
    }

    @Test
    void inverseAndMonotoneAcrossTheAudibleRange() {
        double previous = -1;
        for (double hz = 0; hz <= 24000; hz += 7.3) {
            double mel = MelScale.hzToMel(hz);
            assertTrue(mel > previous, "not increasing at " + hz + " Hz");
            previous = mel;
            assertEquals(hz, MelScale.melToHz(mel), 1e-9 + 1e-12 * hz);
        }
    }

    @Test
    void continuousAtTheBreak() {
        assertEquals(15.0, MelScale.hzToMel(1000 - 1e-9), 1e-9);
        assertEquals(1000.0, MelScale.melToHz(15 - 1e-12), 1e-8);
    }
}
