package tandem.emotion.model.head;

import tandem.autograd.Var;
import tandem.nn.Module;

/**
 * The model's output: video logits + audio logits, as MSAF. Either head may be absent for a unimodal model.
 * Children: {@code video} and {@code audio}.
 */
public final class CombinedHead extends Module {
    private final Head video, audio;
    private final int classes;

    public <V extends Module & Head, A extends Module & Head> CombinedHead(V video, A audio) {
        if (video == null && audio == null) throw new IllegalArgumentException("combined head: needs a video head, an audio head, or both");
        if (video != null && audio != null && video.classes() != audio.classes()) {
            throw new IllegalArgumentException("combined head: video head has " + video.classes() + " classes, audio head " + audio.classes());
        }
        this.video = video == null ? null : child("video", video);
        this.audio = audio == null ? null : child("audio", audio);
        classes = video != null ? video.classes() : audio.classes();
    }

    /** The flatten+FC heads of MSAF for both modalities. */
    public static CombinedHead linear(int videoChannels, int audioChannels, int audioLength, int classes) {
        return new CombinedHead(LinearHead.video(videoChannels, classes), LinearHead.audio(audioChannels, audioLength, classes));
    }

    /** Class-map heads (default settings) for both modalities. */
    public static CombinedHead classMap(int videoChannels, int audioChannels, int classes) {
        return new CombinedHead(new ClassMapHead(videoChannels, classes), new ClassMapHead(audioChannels, classes));
    }

    /**
     * Heads by the name used in a model spec: "linear" ({@link #linear}) or "classmap" ({@link #classMap}).
     * audioLength is the audio feature length L, needed by the flatten+FC audio head.
     */
    public static CombinedHead named(String head, int videoChannels, int audioChannels, int audioLength, int classes) {
        return switch (head) {
            case "linear" -> linear(videoChannels, audioChannels, audioLength, classes);
            case "classmap" -> classMap(videoChannels, audioChannels, classes);
            default -> throw new IllegalArgumentException("unknown head '" + head + "'; known: linear, classmap");
        };
    }

    public int classes() { return classes; }

    public boolean hasVideo() { return video != null; }

    public boolean hasAudio() { return audio != null; }

    // video: (B, Cv, T, H, W) or null, audio: (B, Ca, L) or null -> logits (B, classes)
    public Var forward(Var videoFeatures, Var audioFeatures) {
        Var v = part("video", video, videoFeatures);
        Var a = part("audio", audio, audioFeatures);
        if (v == null) return a;
        if (a == null) return v;
        return v.add(a);
    }

    private static Var part(String name, Head head, Var features) {
        if (head == null) {
            if (features != null) throw new IllegalArgumentException("combined head: got " + name + " features but has no " + name + " head");
            return null;
        }
        if (features == null) throw new IllegalArgumentException("combined head: the " + name + " head needs " + name + " features, got null");
        return head.forward(features);
    }
}
