package tandem.emotion.importer;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A RAVDESS file name, {@code MM-VV-EE-II-SS-RR-AA.ext}: seven two-digit codes for modality (01 audio-visual, 02
 * video-only, 03 audio-only), vocal channel (01 speech, 02 song), emotion (01 neutral ... 08 surprised), intensity (01
 * normal, 02 strong), statement (01, 02), repetition (01, 02) and actor (01 to 24).
 */
record RavdessName(int modality, int channel, int emotion, int intensity, int statement, int repetition, int actor) {
    static final int AUDIO_VISUAL = 1, VIDEO_ONLY = 2, AUDIO_ONLY = 3;
    static final int SPEECH = 1, SONG = 2;
    /** RAVDESS's own words for its eight emotions, in code order. */
    static final List<String> EMOTIONS = List.of("neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised");
    private static final Pattern NAME = Pattern.compile("(\\d\\d)-(\\d\\d)-(\\d\\d)-(\\d\\d)-(\\d\\d)-(\\d\\d)-(\\d\\d)");

    /** The codes of {@code stem} (a file name without extension); fails with the reason when they are not RAVDESS's. */
    static RavdessName parse(String stem) {
        Matcher m = NAME.matcher(stem);
        if (!m.matches()) throw new IllegalArgumentException("not a RAVDESS name (seven two-digit codes, e.g. 01-01-03-01-02-01-12)");
        int[] c = new int[7];
        for (int i = 0; i < 7; i++) c[i] = Integer.parseInt(m.group(i + 1));
        RavdessName n = new RavdessName(c[0], c[1], c[2], c[3], c[4], c[5], c[6]);
        n.check();
        return n;
    }

    private void check() {
        range("modality", modality, 3);
        range("vocal channel", channel, 2);
        range("emotion", emotion, 8);
        range("intensity", intensity, 2);
        range("statement", statement, 2);
        range("repetition", repetition, 2);
        range("actor", actor, 24);
        if (emotion == 1 && intensity == 2) throw new IllegalArgumentException("RAVDESS has no strong intensity (02) for neutral (01)");
        if (channel == SONG && emotion >= 7) {
            throw new IllegalArgumentException("RAVDESS songs have no " + label() + " (emotion " + String.format("%02d", emotion) + ")");
        }
    }

    private static void range(String what, int code, int max) {
        if (code < 1 || code > max) throw new IllegalArgumentException(what + " code " + String.format("%02d", code) + " is not 01 to " + String.format("%02d", max));
    }

    /** Codes 2 to 7: what the audio-visual, video-only and audio-only files of one recording share. */
    String recording() {
        return String.format("%02d-%02d-%02d-%02d-%02d-%02d", channel, emotion, intensity, statement, repetition, actor);
    }

    String label() { return EMOTIONS.get(emotion - 1); }

    String subject() { return String.format("actor-%02d", actor); }

    /** The extension its modality has in the distribution: mp4 for 01 and 02, wav for 03. */
    String extension() { return modality == AUDIO_ONLY ? "wav" : "mp4"; }
}
