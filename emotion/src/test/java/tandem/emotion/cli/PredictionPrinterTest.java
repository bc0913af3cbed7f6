package tandem.emotion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tandem.emotion.infer.ClipLoader;
import tandem.emotion.infer.ClipPrediction;

/** Ties are shown as ties: classes whose probabilities agree to the four printed decimals share the top. */
class PredictionPrinterTest {
    static final List<String> CLASSES = List.of("anger", "joy", "neutral", "sad");
    static final Path CLIP = Path.of("clip.mp4");

    @Test void equalTopProbabilitiesAreATie() {
        ClipPrediction tie = new ClipPrediction(CLIP, CLASSES, new double[] {0.1, 0.4, 0.1, 0.4}, 2);
        assertEquals(List.of("joy", "sad"), tie.winners());
        assertTrue(tie.isTie());
        assertEquals("tie: joy/sad", PredictionPrinter.predicted(tie));
        JsonObject json = JsonParser.parseString(PredictionPrinter.jsonLine(null, null, loaded(), tie)).getAsJsonObject();
        assertTrue(json.get("predicted").isJsonNull(), json.toString());
        assertEquals("[\"joy\",\"sad\"]", json.get("tie").toString());
    }

    @Test void aDifferenceBelowThePrintedPrecisionIsATieAndOneAboveItIsNot() {
        ClipPrediction close = new ClipPrediction(CLIP, CLASSES, new double[] {0.40002, 0.39998, 0.1, 0.1}, 1);
        assertEquals("tie: anger/joy", PredictionPrinter.predicted(close), "both print as 0.4000");
        ClipPrediction apart = new ClipPrediction(CLIP, CLASSES, new double[] {0.4001, 0.3999, 0.1, 0.1}, 1);
        assertFalse(apart.isTie());
        assertEquals("anger", PredictionPrinter.predicted(apart));
        JsonObject json = JsonParser.parseString(PredictionPrinter.jsonLine(null, null, loaded(), apart)).getAsJsonObject();
        assertEquals("anger", json.get("predicted").getAsString());
        assertFalse(json.has("tie"));
    }

    private static ClipLoader.Loaded loaded() {
        return new ClipLoader.Loaded(new ClipLoader.Media(CLIP, 62, 25, 0, Path.of("clip.wav"), "found next to the video"), List.of(), List.of());
    }
}
