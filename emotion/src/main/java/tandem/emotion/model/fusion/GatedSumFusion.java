package tandem.emotion.model.fusion;

import java.util.EnumSet;
import java.util.OptionalLong;
import java.util.Set;
import tandem.autograd.Var;
import tandem.nn.Module;
import tandem.nn.layers.Linear;

/**
 * A small fusion variant, and the worked example of docs/fusion-variants.md: both modalities' global context vectors
 * are projected into a shared space and SUMMED, s = relu(P_v GAP(F_v) + P_a GAP(F_a)) of width H; each modality then
 * gets per-channel gates from the joint summary, F_v' = F_v * sigmoid(G_v s), F_a' = F_a * sigmoid(G_a s).
 * No time structure: a baseline for what the windowed block gains from temporal alignment.
 * Children: video_in, audio_in (projections into the shared space), video_gate, audio_gate. Tap: gate_video (B, Cv),
 * gate_audio (B, Ca).
 */
public final class GatedSumFusion extends Module implements FusionBlock {
    private final int videoChannels, audioChannels;
    private final Linear videoIn, audioIn, videoGate, audioGate;

    public GatedSumFusion(int videoChannels, int audioChannels, int hidden) {
        if (hidden < 1) throw new IllegalArgumentException("gated fusion: hidden must be >= 1, got " + hidden);
        this.videoChannels = videoChannels;
        this.audioChannels = audioChannels;
        videoIn = child("video_in", new Linear(videoChannels, hidden));
        audioIn = child("audio_in", new Linear(audioChannels, hidden));
        videoGate = child("video_gate", new Linear(hidden, videoChannels));
        audioGate = child("audio_gate", new Linear(hidden, audioChannels));
    }

    // video: (B, Cv, T, H, W), audio: (B, Ca, L) -> same shapes
    @Override
    public Fused forward(Var video, Var audio) {
        FeatureShapes.require("gated fusion", video, audio, videoChannels, audioChannels);
        int batch = video.size(0);
        Var joint = videoIn.forward(video.mean(false, 2, 3, 4)).add(audioIn.forward(audio.mean(false, 2))).relu();   // (B, H)
        Var gv = tap("gate_video", videoGate.forward(joint).sigmoid());   // (B, Cv)
        Var ga = tap("gate_audio", audioGate.forward(joint).sigmoid());   // (B, Ca)
        return new Fused(video.mul(gv.reshape(batch, videoChannels, 1, 1, 1)), audio.mul(ga.reshape(batch, audioChannels, 1)));
    }

    /** Registered as "gated"; one block at LATE; option {@code hidden} (default 32). */
    public static final class Factory implements FusionFactory {
        @Override
        public String name() { return "gated"; }

        @Override
        public Set<FusionPoint> defaultPoints() { return EnumSet.of(FusionPoint.LATE); }

        @Override
        @SuppressWarnings("unchecked")
        public <M extends Module & FusionBlock> M create(FusionPoint point, int videoChannels, int audioChannels, FusionOptions options) {
            OptionKeys.requireKnown("gated", options, Set.of("hidden"));
            return (M) new GatedSumFusion(videoChannels, audioChannels, options.intValue("hidden", 32));
        }

        @Override
        public OptionalLong parameterCount(FusionPoint point, int videoChannels, int audioChannels, FusionOptions options) {
            OptionKeys.requireKnown("gated", options, Set.of("hidden"));
            long h = options.intValue("hidden", 32), cv = videoChannels, ca = audioChannels;
            return OptionalLong.of((cv * h + h) + (ca * h + h) + (h * cv + cv) + (h * ca + ca));
        }
    }
}
