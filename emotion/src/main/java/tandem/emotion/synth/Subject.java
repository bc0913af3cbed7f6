package tandem.emotion.synth;

import java.awt.Color;

/**
 * One synthetic child: how the face looks and how the voice sounds, drawn from a seed. The traits
 * that also shift expression or prosody ({@code restingSmile}, {@code faceExpressivity},
 * {@code voiceExpressivity}, {@code basePitchHz}) are what makes subject-independent evaluation
 * harder than a random split: a subject with a naturally downturned mouth looks a little sad in
 * every class.
 *
 * @param id               stable name, e.g. {@code s03}
 * @param skin             skin tone
 * @param hair             hair colour
 * @param iris             iris colour
 * @param faceWidth        head width as a fraction of the frame
 * @param faceHeight       head height as a fraction of the frame
 * @param eyeSpacing       distance between eye centres as a fraction of the head width
 * @param eyeSize          eye radius as a fraction of the head width
 * @param mouthWidth       mouth width as a fraction of the head width
 * @param restingSmile     mouth curvature added in every class (-0.25 .. 0.25)
 * @param faceExpressivity how strongly expressions show on the face (0.5 .. 1.1)
 * @param basePitchHz      speaking pitch in a neutral state (children: about 230 .. 330 Hz)
 * @param formantScale     vocal tract scaling of the formant frequencies (shorter tract: higher)
 * @param speechRate       syllables per second in a neutral state
 * @param voiceExpressivity how strongly emotion shows in the voice (0.5 .. 1.1)
 */
public record Subject(String id, Color skin, Color hair, Color iris,
                      double faceWidth, double faceHeight, double eyeSpacing, double eyeSize, double mouthWidth,
                      double restingSmile, double faceExpressivity,
                      double basePitchHz, double formantScale, double speechRate, double voiceExpressivity) {

    private static final Color[] SKIN_TONES = {
        new Color(255, 224, 196), new Color(241, 194, 160), new Color(224, 172, 125),
        new Color(198, 134, 92), new Color(141, 85, 54), new Color(92, 58, 38),
    };
    private static final Color[] HAIR = {
        new Color(40, 28, 20), new Color(90, 56, 30), new Color(160, 110, 60),
        new Color(220, 190, 120), new Color(120, 40, 20), new Color(20, 20, 24),
    };
    private static final Color[] IRIS = {
        new Color(70, 50, 30), new Color(60, 100, 160), new Color(80, 120, 70), new Color(40, 30, 25),
    };

    /** Subject number {@code index} of the corpus with seed {@code corpusSeed}. */
    public static Subject generate(int index, long corpusSeed) {
        SynthRandom r = new SynthRandom(SynthRandom.derive(corpusSeed, 1, index));
        Color skin = jitter(SKIN_TONES[r.nextInt(SKIN_TONES.length)], r, 10);
        Color hair = jitter(HAIR[r.nextInt(HAIR.length)], r, 12);
        Color iris = IRIS[r.nextInt(IRIS.length)];
        return new Subject(String.format("s%02d", index + 1), skin, hair, iris,
                r.uniform(0.52, 0.64), r.uniform(0.64, 0.76), r.uniform(0.36, 0.46), r.uniform(0.075, 0.10),
                r.uniform(0.34, 0.46), r.uniform(-0.25, 0.25), r.uniform(0.5, 1.1),
                r.uniform(230, 330), r.uniform(1.12, 1.30), r.uniform(3.4, 4.6), r.uniform(0.5, 1.1));
    }

    private static Color jitter(Color c, SynthRandom r, int amount) {
        return new Color(clamp(c.getRed() + r.nextInt(2 * amount + 1) - amount),
                clamp(c.getGreen() + r.nextInt(2 * amount + 1) - amount),
                clamp(c.getBlue() + r.nextInt(2 * amount + 1) - amount));
    }

    private static int clamp(int v) { return Math.max(0, Math.min(255, v)); }
}
