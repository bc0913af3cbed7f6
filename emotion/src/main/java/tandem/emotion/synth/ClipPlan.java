package tandem.emotion.synth;

import tandem.emotion.data.Emotion;
import java.awt.Color;
import java.util.Optional;

/**
 * Every random choice for one clip, drawn up front from the clip's own seed so that clips can be
 * generated in any order or in parallel with identical results.
 *
 * @param clipId       e.g. {@code s03-joy-01}
 * @param subject      who is shown
 * @param label        the class the clip is annotated with
 * @param blendedWith  for an ambiguous clip, the class mixed in
 * @param blendWeight  how much of {@code blendedWith} is mixed in (0 for clear clips)
 * @param faceShows    the class whose face the clip shows ({@link Regime}); the label in {@code mixed}
 * @param voiceShows   the class whose voice the clip has
 * @param style        the expression as shown: classes shown, blend and subject expressivity combined
 * @param avLagMs      how far the face leads the voice in this clip
 * @param effects      camera nuisances
 * @param background   backdrop colour
 * @param shirt        shirt colour
 * @param voiceSeed    seed of the voice synthesis
 * @param faceSeed     seed of the face motion and pixel noise
 */
record ClipPlan(String clipId, Subject subject, Emotion label, Optional<Emotion> blendedWith, double blendWeight,
                Emotion faceShows, Emotion voiceShows, EmotionStyle style, double avLagMs, FrameEffects effects, Color background, Color shirt,
                long voiceSeed, long faceSeed) {

    /** Plans clip {@code clipIndex} of {@code label} for {@code subject}. */
    static ClipPlan draw(SynthConfig cfg, int subjectIndex, Subject subject, Emotion label, int clipIndex) {
        long seed = SynthRandom.derive(cfg.seed(), 2, subjectIndex, label.ordinal(), clipIndex);
        SynthRandom r = new SynthRandom(seed);
        Regime regime = cfg.regime();
        Emotion faceShows = regime.face().shown(label, cfg.seed(), subjectIndex, 0, clipIndex);
        Emotion voiceShows = regime.voice().shown(label, cfg.seed(), subjectIndex, 1, clipIndex);
        Emotion timingShows = regime.timing().shown(label, cfg.seed(), subjectIndex, 2, clipIndex);
        EmotionStyle style = regime == Regime.MIXED ? EmotionStyle.of(label)
                : EmotionStyle.assemble(faceShows, voiceShows, Regime.lagMs(timingShows));
        Optional<Emotion> blendedWith = Optional.empty();
        double blendWeight = 0;
        if (r.chance(cfg.ambiguousFraction())) {
            Emotion other = Emotion.values()[(label.ordinal() + 1 + r.nextInt(3)) % 4];
            double w = r.uniform(0.3, 0.5);
            // another class blended into the channels that code the label (into none, where no channel codes it alone)
            EmotionStyle partner = regime == Regime.MIXED ? EmotionStyle.of(other) : EmotionStyle.assemble(
                    regime.face() == Regime.Coding.CODED ? other : faceShows,
                    regime.voice() == Regime.Coding.CODED ? other : voiceShows,
                    Regime.lagMs(regime.timing() == Regime.Coding.CODED ? other : timingShows));
            if (!partner.equals(style)) {
                blendedWith = Optional.of(other);
                blendWeight = w;
                style = style.blend(partner, w);
            }
        }
        // Expressivity varies a little from clip to clip around the subject's own.
        double face = subject.faceExpressivity() * r.uniform(0.8, 1.15);
        double voice = subject.voiceExpressivity() * r.uniform(0.8, 1.15);
        style = style.expressedWith(face, voice);
        double lag = style.avLagMs() + 25 * r.gaussian();
        double n = cfg.noiseLevel();
        int blur = r.chance(0.25 * Math.min(1, n)) ? Math.max(1, Math.round(cfg.width() / 96f)) : 0;
        FrameEffects effects = new FrameEffects(1 + n * r.uniform(-0.25, 0.15), n * r.uniform(0, 0.5),
                r.uniform(0, 2 * Math.PI), blur, n * r.uniform(1, 8));
        Color background = Color.getHSBColor((float) r.nextDouble(), (float) r.uniform(0.1, 0.4), (float) r.uniform(0.45, 0.9));
        Color shirt = Color.getHSBColor((float) r.nextDouble(), (float) r.uniform(0.3, 0.8), (float) r.uniform(0.3, 0.8));
        String id = String.format("%s-%s-%02d", subject.id(), label.label(), clipIndex);
        return new ClipPlan(id, subject, label, blendedWith, blendWeight, faceShows, voiceShows, style, lag, effects, background, shirt,
                SynthRandom.derive(seed, 1), SynthRandom.derive(seed, 2));
    }
}
