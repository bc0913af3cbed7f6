package tandem.emotion.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Exponential and majority smoothing over the last K windows, worked out by hand. */
class SmoothingTest {
    static final double[] A = {0.7, 0.2, 0.1}, B = {0.1, 0.8, 0.1}, C = {0.2, 0.2, 0.6};

    @Test
    void exponentialAveragesWithAlphaTwoOverKPlusOne() {
        Smoothing.Smoother s = Smoothing.parse("exp", 3).start(3);   // alpha 0.5
        assertEquals(0, s.update(A));                                 // (0.7, 0.2, 0.1)
        assertEquals(1, s.update(B), "(0.4, 0.5, 0.1)");
        s.update(C);                                                  // (0.3, 0.35, 0.35)
        assertEquals(2, s.update(C), "(0.25, 0.275, 0.475)");
    }

    @Test
    void exponentialFollowsAPersistentChange() {
        Smoothing.Smoother s = Smoothing.parse("exp", 5).start(3);   // alpha 1/3
        s.update(A);                                                  // (0.7, 0.2, 0.1)
        assertEquals(0, s.update(B), "(0.5, 0.4, 0.1)");
        assertEquals(1, s.update(B), "(0.367, 0.533, 0.1)");
    }

    @Test
    void majorityVotesOverTheLastKAndBreaksTiesByTheMostRecent() {
        Smoothing.Smoother s = Smoothing.parse("majority", 3).start(3);
        assertEquals(0, s.update(A));
        assertEquals(1, s.update(B), "one vote each: the most recent");
        assertEquals(1, s.update(B));
        assertEquals(1, s.update(C), "B, B, C");
        assertEquals(2, s.update(C), "B, C, C");
        assertEquals(2, s.update(A), "C, C, A");
    }

    @Test
    void oneWindowDecidesOnItsOwnAndBadSpecsAreRefused() {
        for (String kind : new String[] {"exp", "majority"}) {
            Smoothing.Smoother s = Smoothing.parse(kind, 1).start(3);
            assertEquals(0, s.update(A));
            assertEquals(1, s.update(B));
            assertEquals(2, s.update(C));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Smoothing.parse("median", 3));
        assertTrue(e.getMessage().contains("known: exp, majority"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Smoothing.parse("exp", 0));
    }
}
