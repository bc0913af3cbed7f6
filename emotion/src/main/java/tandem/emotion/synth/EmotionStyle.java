package tandem.emotion.synth;

import tandem.emotion.data.Emotion;

/**
 * How one class shows in the face, in the voice, and in their timing. Values describe a fully
 * expressive subject; {@link Subject} expressivity scales the distance from {@link Emotion#NEUTRAL}.
 *
 * <p>The classes are built to overlap pairwise in each single cue so that no one cue suffices:
 * anger and sad both turn the mouth down; joy and anger both raise the pitch; joy and neutral are
 * close in timing; anger and joy both move the head. What separates them is the combination, and
 * for anger versus the rest also the lead of the face over the voice.
 *
 * @param mouthCurve     lip-corner curvature, -1 (down) .. 1 (smile)
 * @param browAngle      inner-brow raise, positive for the sad "oblique" brow, negative for the frown
 * @param browRaise      overall brow height offset, fraction of the eye size
 * @param eyeOpen        eyelid opening, 0 closed .. 1 wide open
 * @param headPitch      downward head shift, fraction of the frame
 * @param headBobHz      frequency of rhythmic head motion
 * @param headBobAmp     amplitude of that motion, fraction of the frame
 * @param onsetSeconds   time for the expression to build up from neutral
 * @param mouthGain      how far the mouth opens for a fully loud syllable
 * @param pitchFactor    multiplier on the subject's base pitch
 * @param pitchRangeSemitones size of the pitch accents on stressed syllables
 * @param pitchSlopeSemitones pitch drift over a phrase (negative: falling)
 * @param energy         loudness, 1 = a loud child
 * @param tempo          multiplier on the subject's syllable rate
 * @param breathiness    share of aspiration noise in the voice source
 * @param avLagMs        how far the face leads the voice in milliseconds (negative: the voice leads)
 */
public record EmotionStyle(double mouthCurve, double browAngle, double browRaise, double eyeOpen,
                           double headPitch, double headBobHz, double headBobAmp, double onsetSeconds,
                           double mouthGain,
                           double pitchFactor, double pitchRangeSemitones, double pitchSlopeSemitones,
                           double energy, double tempo, double breathiness,
                           double avLagMs) {

    /** The prototype of each class. */
    public static EmotionStyle of(Emotion emotion) {
        return switch (emotion) {
            case ANGER -> new EmotionStyle(-0.35, -1.0, -0.25, 0.70, 0.01, 3.0, 0.012, 0.25, 0.95,
                    1.12, 2.5, -1.0, 1.00, 1.15, 0.05, 140);
            case JOY -> new EmotionStyle(0.80, 0.15, 0.30, 0.78, -0.01, 2.0, 0.015, 0.50, 0.85,
                    1.22, 5.0, 1.0, 0.80, 1.10, 0.08, -30);
            case NEUTRAL -> new EmotionStyle(0.0, 0.0, 0.0, 0.92, 0.0, 0.8, 0.004, 1.0, 0.65,
                    1.0, 1.5, -0.5, 0.60, 1.0, 0.10, 0);
            case SAD -> new EmotionStyle(-0.55, 0.85, 0.10, 0.55, 0.05, 0.5, 0.004, 1.5, 0.45,
                    0.88, 0.8, -2.5, 0.40, 0.75, 0.25, -180);
        };
    }

    /**
     * A clip's style assembled from three classes, as a {@link Regime} deals them: the face of {@code face}, the voice
     * of {@code voice} (at neutral syllable rate, which the mouth would show) and the lag {@code lagMs}.
     */
    static EmotionStyle assemble(Emotion face, Emotion voice, double lagMs) {
        EmotionStyle f = of(face), v = of(voice);
        return new EmotionStyle(f.mouthCurve, f.browAngle, f.browRaise, f.eyeOpen, f.headPitch, f.headBobHz, f.headBobAmp,
                f.onsetSeconds, f.mouthGain, v.pitchFactor, v.pitchRangeSemitones, v.pitchSlopeSemitones, v.energy,
                of(Emotion.NEUTRAL).tempo, v.breathiness, lagMs);
    }

    /** {@code (1 - w) * this + w * other}, field by field: an ambiguous, blended expression. */
    public EmotionStyle blend(EmotionStyle o, double w) {
        return new EmotionStyle(mix(mouthCurve, o.mouthCurve, w), mix(browAngle, o.browAngle, w),
                mix(browRaise, o.browRaise, w), mix(eyeOpen, o.eyeOpen, w), mix(headPitch, o.headPitch, w),
                mix(headBobHz, o.headBobHz, w), mix(headBobAmp, o.headBobAmp, w), mix(onsetSeconds, o.onsetSeconds, w),
                mix(mouthGain, o.mouthGain, w), mix(pitchFactor, o.pitchFactor, w),
                mix(pitchRangeSemitones, o.pitchRangeSemitones, w), mix(pitchSlopeSemitones, o.pitchSlopeSemitones, w),
                mix(energy, o.energy, w), mix(tempo, o.tempo, w), mix(breathiness, o.breathiness, w),
                mix(avLagMs, o.avLagMs, w));
    }

    /**
     * This style as shown by a subject who expresses with the given strength in face and voice:
     * each cue moves from the neutral prototype towards this one by that strength. Timing
     * ({@code avLagMs}) is not scaled: it is a property of the class, not of intensity.
     */
    public EmotionStyle expressedWith(double faceStrength, double voiceStrength) {
        EmotionStyle n = of(Emotion.NEUTRAL);
        return new EmotionStyle(mix(n.mouthCurve, mouthCurve, faceStrength), mix(n.browAngle, browAngle, faceStrength),
                mix(n.browRaise, browRaise, faceStrength), mix(n.eyeOpen, eyeOpen, faceStrength),
                mix(n.headPitch, headPitch, faceStrength), headBobHz, mix(n.headBobAmp, headBobAmp, faceStrength),
                onsetSeconds, mix(n.mouthGain, mouthGain, faceStrength),
                mix(n.pitchFactor, pitchFactor, voiceStrength),
                mix(n.pitchRangeSemitones, pitchRangeSemitones, voiceStrength),
                mix(n.pitchSlopeSemitones, pitchSlopeSemitones, voiceStrength),
                mix(n.energy, energy, voiceStrength), mix(n.tempo, tempo, voiceStrength),
                mix(n.breathiness, breathiness, voiceStrength), avLagMs);
    }

    private static double mix(double a, double b, double w) { return a + (b - a) * w; }
}
