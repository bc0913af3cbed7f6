package tandem.emotion.synth;

import tandem.emotion.data.Emotion;

/**
 * The face's motion over a clip: the expression builds up from neutral at the class's onset speed,
 * the head moves with the class's rhythm, the eyes blink at random, and the mouth opens with the
 * voice's envelope shifted by the clip's audio-visual lag (positive lag: the mouth moves before
 * the sound, as when a child's face sets before the voice comes).
 */
final class FaceAnimator {
    private static final EmotionStyle NEUTRAL = EmotionStyle.of(Emotion.NEUTRAL);
    private static final double BLINK_SECONDS = 0.15;

    private final ClipPlan plan;
    private final VoiceTrack voice;
    private final double onsetDelay;
    private final double bobPhase;
    private final double swayPhase;
    private final double rollOffset;
    private final double dxOffset;
    private final double[] blinkStarts;

    FaceAnimator(ClipPlan plan, VoiceTrack voice, double clipSeconds, SynthRandom rng) {
        this.plan = plan;
        this.voice = voice;
        this.onsetDelay = rng.uniform(0, 0.3);
        this.bobPhase = rng.uniform(0, 2 * Math.PI);
        this.swayPhase = rng.uniform(0, 2 * Math.PI);
        this.rollOffset = 0.04 * rng.gaussian();
        this.dxOffset = 0.015 * rng.gaussian();
        int blinks = (int) Math.floor(clipSeconds * rng.uniform(0.1, 0.5) + rng.nextDouble());
        this.blinkStarts = new double[blinks];
        for (int i = 0; i < blinks; i++) blinkStarts[i] = rng.uniform(0, clipSeconds);
    }

    FaceState at(double t) {
        EmotionStyle target = plan.style();
        double intensity = t < onsetDelay ? 0 : 1 - Math.exp(-(t - onsetDelay) / target.onsetSeconds());
        EmotionStyle s = NEUTRAL.blend(target, intensity);
        double bob = s.headBobAmp() * Math.sin(2 * Math.PI * target.headBobHz() * t + bobPhase);
        double sway = Math.sin(2 * Math.PI * 0.3 * t + swayPhase);
        double mouth = s.mouthGain() * voice.envelopeAt(t + plan.avLagMs() / 1000.0);
        return new FaceState(mouth, s.mouthCurve() + plan.subject().restingSmile(), s.browAngle(), s.browRaise(),
                s.eyeOpen() * blink(t), rollOffset + 0.04 * sway, dxOffset + 0.01 * sway, s.headPitch() + bob);
    }

    /** 1 with eyes open, dipping to 0.05 during a blink. */
    private double blink(double t) {
        for (double start : blinkStarts) {
            double u = (t - start) / BLINK_SECONDS;
            if (u >= 0 && u < 1) return 1 - 0.95 * Math.sin(Math.PI * u);
        }
        return 1;
    }
}
