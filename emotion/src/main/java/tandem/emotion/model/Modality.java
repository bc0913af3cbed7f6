package tandem.emotion.model;

import java.util.Locale;

/** Which inputs a model reads: both (the audio-visual model) or one of them (the unimodal baselines). */
public enum Modality {
    BOTH, VIDEO, AUDIO;

    public boolean usesVideo() { return this != AUDIO; }

    public boolean usesAudio() { return this != VIDEO; }

    public String key() { return name().toLowerCase(Locale.ROOT); }

    public static Modality parse(String s) {
        for (Modality m : values()) if (m.key().equals(s)) return m;
        throw new IllegalArgumentException("unknown modality '" + s + "'; known: both, video, audio");
    }
}
