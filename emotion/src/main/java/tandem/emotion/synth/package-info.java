/**
 * The synthetic children's audio-visual emotion corpus, Tandem's embedded default dataset.
 *
 * <p>{@link tandem.emotion.synth.CorpusGenerator#generate} writes, per clip, an MP4 of a
 * procedurally drawn face and a WAV of a voiced, speech-like signal, plus {@code manifest.csv}.
 * Each {@link tandem.emotion.synth.Subject} has its own face, skin tone, voice pitch, vocal tract,
 * speaking rate and expressivity. The four classes ({@link tandem.emotion.data.Emotion}) differ in
 * ({@link tandem.emotion.synth.EmotionStyle}):
 *
 * <table>
 *   <caption>Class prototypes (fully expressive subject)</caption>
 *   <tr><th></th><th>anger</th><th>joy</th><th>neutral</th><th>sad</th></tr>
 *   <tr><td>mouth corners</td><td>down</td><td>smile</td><td>flat</td><td>down, more</td></tr>
 *   <tr><td>brows</td><td>frown, low</td><td>raised</td><td>rest</td><td>inner ends up</td></tr>
 *   <tr><td>eyes</td><td>narrowed</td><td>narrowed (cheeks)</td><td>open</td><td>half-closed</td></tr>
 *   <tr><td>head</td><td>fast jerky bob</td><td>bouncy bob</td><td>still</td><td>lowered, still</td></tr>
 *   <tr><td>expression onset</td><td>0.25 s</td><td>0.5 s</td><td>1 s</td><td>1.5 s</td></tr>
 *   <tr><td>pitch</td><td>x1.12, moderate accents, falling</td><td>x1.22, large accents, rising</td><td>x1</td><td>x0.88, flat, falling</td></tr>
 *   <tr><td>loudness / tempo</td><td>loud, fast</td><td>loud-ish, fast</td><td>medium</td><td>quiet, slow, breathy</td></tr>
 *   <tr><td>face vs voice</td><td>face leads 140 ms</td><td>voice leads 30 ms</td><td>in sync</td><td>voice leads 180 ms</td></tr>
 * </table>
 *
 * <p>The mouth opens with the voice's syllable envelope shifted by the clip's lag, so the
 * audio-visual alignment itself carries class information that a fusion block able to compare the
 * two streams in time can use. What keeps the task from being trivial: subject traits move every
 * cue (a resting smile, weak expressivity, a high or low voice), clips vary around their subject,
 * a configurable share of clips blend 30-50 % of another class into face, voice and timing (their
 * label stays the main class), and frames get lighting changes, blur and sensor noise while the
 * audio gets background noise.
 *
 * <p>That is the {@code mixed} {@link tandem.emotion.synth.Regime}, the demo corpus. The other regimes decide which
 * of the three channels (face, voice, timing) codes the label and deal the others independently of it, so that a
 * comparison can say what a model used: {@code null} (nothing codes the class), {@code appearance} (face only),
 * {@code voice} (voice only), {@code lag} (only how far the face leads the voice; each stream alone looks the same in
 * every class) and {@code complementary} (some class pairs differ only in the face, others only in the voice).
 *
 * <p>Generation is deterministic for a seed: the corpus is a pure function of
 * {@link tandem.emotion.synth.SynthConfig}, whatever the thread count.
 */
package tandem.emotion.synth;
