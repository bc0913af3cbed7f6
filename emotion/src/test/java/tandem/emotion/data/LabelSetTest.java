package tandem.emotion.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelSetTest {
    @Test
    void namesAreNormalisedAndKeepTheirOrder() {
        LabelSet s = LabelSet.parse(" Sad ,joy,ANGER");
        assertEquals(List.of("sad", "joy", "anger"), s.names());
        assertEquals(2, s.indexOf("Anger"));
        assertEquals("sad,joy,anger", s.toString());
        assertEquals(s, LabelSet.parse(s.toString()));
        assertTrue(s.contains(" JOY"));
    }

    @Test
    void badListsAreNamed() {
        assertEquals("class 'joy' is listed twice in [joy, Joy]", assertThrows(IllegalArgumentException.class, () -> LabelSet.of("joy", "Joy")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LabelSet.parse("joy,,sad")).getMessage().contains("has an empty name"));
        assertEquals("label 'a,b' holds a comma; a label is a name without commas",
                assertThrows(IllegalArgumentException.class, () -> LabelSet.normalise("a,b")).getMessage());
        assertEquals("label 'fear' is not one of the classes joy,sad",
                assertThrows(IllegalArgumentException.class, () -> LabelSet.of("joy", "sad").indexOf("fear")).getMessage());
    }
}
