package tandem.emotion.synth;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import tandem.emotion.data.Emotion;

/**
 * Which cues of the synthetic corpus carry the label. A clip shows, in each of three channels, the prototype of some
 * class ({@link EmotionStyle#of}): its face (mouth curve, brows, eyes, head pose and rhythm, onset, mouth gain), its
 * voice (pitch, pitch accents and drift, loudness, breathiness) and its timing (how far the face leads the voice). A
 * regime says, per channel, which classes a clip of label L may show there:
 * <ul>
 * <li>{@code coded}: L itself, so the channel tells the label;</li>
 * <li>{@code any}: every class, in a balanced rotation independent of L, so the channel tells nothing;</li>
 * <li>a pair: the two classes of L's group, so the channel tells the group but not the class within it.</li>
 * </ul>
 * In the rotation the classes a channel may show for the labels of one group are dealt to those labels clip by clip
 * (an offset drawn per subject, channel and group): per subject every label shows every candidate equally often
 * when the clips per class are a multiple of the group size, which {@link SynthConfig} requires, and at every clip
 * index the labels of a group show distinct candidates. Given the subject and what a channel shows, the label is then
 * still uniform over the group.
 *
 * <p>Outside {@code mixed}, syllable rate is not coded at all: the mouth moves with the voice's syllables, so a coded
 * tempo would show the voice's class in the video. Speech also runs across the clip's edges (it is synthesised with
 * {@link #LEAD_SECONDS} of lead-in and lead-out), so that neither stream alone shows where the other begins: otherwise
 * the first sub-segment of a clip would give the lag away to a single modality.
 */
public enum Regime {
    /** Today's corpus: face, voice and timing all show the label (with blends, see {@link SynthConfig}). */
    MIXED("face, voice and audio-video timing all code the class; ambiguous clips blend in another class",
            Coding.CODED, Coding.CODED, Coding.CODED),
    /** A control: nothing codes the label; every model must score chance. */
    NULL("no cue codes the class: face, voice and timing each show a class dealt independently of the label",
            Coding.ANY, Coding.ANY, Coding.ANY),
    /** Only the face codes the label. */
    APPEARANCE("only the face codes the class; voice and timing show classes dealt independently of the label",
            Coding.CODED, Coding.ANY, Coding.ANY),
    /** Only the voice codes the label. */
    VOICE("only the voice codes the class; face and timing show classes dealt independently of the label",
            Coding.ANY, Coding.CODED, Coding.ANY),
    /** Only the audio-video lag codes the label; each stream alone has the same statistics in every class. */
    LAG("only the audio-video lag codes the class (face leads the voice by +360, +120, -120, -360 ms for anger, joy,"
            + " neutral, sad); face and voice show classes dealt independently of the label",
            Coding.ANY, Coding.ANY, Coding.CODED),
    /**
     * The face tells {anger, joy} from {neutral, sad}; the voice tells {anger, neutral} from {joy, sad}: anger and joy
     * differ only in the voice, anger and neutral only in the face. A single modality can reach 50 %, both 100 %.
     */
    COMPLEMENTARY("the face tells {anger, joy} from {neutral, sad} and the voice tells {anger, neutral} from {joy, sad}:"
            + " some pairs differ only in the voice, others only in the face; timing is dealt independently of the label",
            Coding.FACE_PAIRS, Coding.VOICE_PAIRS, Coding.ANY);

    /** Seconds of speech synthesised before and after the clip outside {@code mixed}. */
    public static final double LEAD_SECONDS = 0.6;

    private final String cues;
    private final Coding face, voice, timing;

    Regime(String cues, Coding face, Coding voice, Coding timing) {
        this.cues = cues;
        this.face = face;
        this.voice = voice;
        this.timing = timing;
    }

    /** One sentence: what this regime codes. */
    public String cues() { return cues; }

    public String key() { return name().toLowerCase(Locale.ROOT); }

    Coding face() { return face; }

    Coding voice() { return voice; }

    Coding timing() { return timing; }

    /** The lag that timing shows for a class outside {@code mixed}: well apart, so a model that compares time can tell. */
    static double lagMs(Emotion shown) {
        return switch (shown) {
            case ANGER -> 360;
            case JOY -> 120;
            case NEUTRAL -> -120;
            case SAD -> -360;
        };
    }

    /** The largest group any channel deals within: clips per class must be a multiple of it for exact balance. */
    int groupSize() {
        return Math.max(face.groupOf(Emotion.ANGER).size(), Math.max(voice.groupOf(Emotion.ANGER).size(),
                timing.groupOf(Emotion.ANGER).size()));
    }

    public static Regime parse(String s) {
        for (Regime r : values()) if (r.key().equals(s.strip().toLowerCase(Locale.ROOT))) return r;
        throw new IllegalArgumentException("unknown regime '" + s + "'; known: " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(Regime::key).collect(Collectors.joining(", "));
    }

    /** Which classes one channel may show for a label: the label's group (the labels that share those candidates). */
    enum Coding {
        CODED, ANY, FACE_PAIRS, VOICE_PAIRS;

        private static final List<Emotion> ALL = List.of(Emotion.values());

        /** The labels that share candidates with {@code label}; the candidates are the same classes. */
        List<Emotion> groupOf(Emotion label) {
            return switch (this) {
                case CODED -> List.of(label);
                case ANY -> ALL;
                case FACE_PAIRS -> label == Emotion.ANGER || label == Emotion.JOY ? List.of(Emotion.ANGER, Emotion.JOY)
                        : List.of(Emotion.NEUTRAL, Emotion.SAD);
                case VOICE_PAIRS -> label == Emotion.ANGER || label == Emotion.NEUTRAL ? List.of(Emotion.ANGER, Emotion.NEUTRAL)
                        : List.of(Emotion.JOY, Emotion.SAD);
            };
        }

        /**
         * The class shown for clip {@code clipIndex} of {@code label}: the group's candidates dealt in rotation, from an
         * offset drawn for (corpus seed, subject, channel, group).
         */
        Emotion shown(Emotion label, long corpusSeed, int subject, int channel, int clipIndex) {
            List<Emotion> group = groupOf(label);
            int m = group.size();
            if (m == 1) return label;
            long groupKey = group.get(0).ordinal() * 4L + group.get(1).ordinal();
            int offset = new SynthRandom(SynthRandom.derive(corpusSeed, 3, subject, channel, groupKey)).nextInt(m);
            return group.get((group.indexOf(label) + clipIndex + offset) % m);
        }
    }
}
