package tandem.emotion.synth;

import tandem.emotion.data.Emotion;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class SynthBasicsTest {

    @Test
    void labelsParseAndUnknownOnesAreListed() {
        assertEquals(Optional.of(Emotion.SAD), Emotion.parse(" Sad "));
        assertEquals("anger, joy, neutral, sad", Emotion.knownLabels());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Emotion.fromLabel("happy"));
        assertTrue(e.getMessage().contains("'happy'") && e.getMessage().contains("anger, joy, neutral, sad"), e.getMessage());
    }

    @Test
    void configRejectsBadValuesByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SynthConfig.defaults().withFrameSize(95, 96));
        assertTrue(e.getMessage().contains("95x96"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SynthConfig.defaults().withAmbiguousFraction(1.5));
        assertEquals(90, SynthConfig.defaults().framesPerClip());
        assertEquals(96, SynthConfig.defaults().clipCount());
    }

    @Test
    void subjectsAndVoicesFollowTheSeed() {
        assertEquals(Subject.generate(3, 11), Subject.generate(3, 11));
        assertNotEquals(Subject.generate(3, 11), Subject.generate(3, 12));
        assertNotEquals(Subject.generate(3, 11), Subject.generate(4, 11));
        Subject s = Subject.generate(0, 1);
        VoiceSynth synth = new VoiceSynth();
        EmotionStyle joy = EmotionStyle.of(Emotion.JOY);
        assertArrayEquals(synth.synthesize(s, joy, 0.5, 9, 1).samples(), synth.synthesize(s, joy, 0.5, 9, 1).samples());
        assertNotEquals(synth.synthesize(s, joy, 0.5, 9, 1).samples()[4000], synth.synthesize(s, joy, 0.5, 10, 1).samples()[4000]);
    }

    @Test
    void voiceFollowsTheStylesPitchAndEnergy() {
        Subject s = Subject.generate(0, 1);
        VoiceSynth synth = new VoiceSynth();
        VoiceTrack joy = synth.synthesize(s, EmotionStyle.of(Emotion.JOY), 2, 5, 0);
        VoiceTrack sad = synth.synthesize(s, EmotionStyle.of(Emotion.SAD), 2, 5, 0);
        double ratio = joy.meanVoicedPitchHz() / sad.meanVoicedPitchHz();
        // Prototype pitch factors 1.22 vs 0.88; accents and phrase drift move the means a little.
        assertTrue(ratio > 1.2 && ratio < 1.7, "joy/sad pitch ratio " + ratio);
        double peak = 0;
        for (float x : joy.samples()) peak = Math.max(peak, Math.abs(x));
        assertTrue(peak < 1, "no clipping, peak " + peak);
    }

    @Test
    void blendAndExpressivityInterpolate() {
        EmotionStyle joy = EmotionStyle.of(Emotion.JOY);
        EmotionStyle sad = EmotionStyle.of(Emotion.SAD);
        assertEquals(joy, joy.blend(sad, 0));
        assertEquals(sad.mouthCurve(), joy.blend(sad, 1).mouthCurve(), 1e-12);
        assertEquals(0.5 * (joy.avLagMs() + sad.avLagMs()), joy.blend(sad, 0.5).avLagMs(), 1e-12);
        EmotionStyle mild = sad.expressedWith(0.5, 0.5);
        assertEquals(0.5 * sad.mouthCurve(), mild.mouthCurve(), 1e-12);
        assertEquals(sad.avLagMs(), mild.avLagMs(), 0, "timing is a class property, not scaled by intensity");
    }
}
