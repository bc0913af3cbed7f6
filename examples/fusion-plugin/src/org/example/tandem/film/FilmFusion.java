package org.example.tandem.film;

import java.util.EnumSet;
import java.util.Set;
import tandem.autograd.Var;
import tandem.emotion.model.Settings;
import tandem.emotion.model.fusion.FeatureShapes;
import tandem.emotion.model.fusion.FusionBlock;
import tandem.emotion.model.fusion.FusionFactory;
import tandem.emotion.model.fusion.FusionOptions;
import tandem.emotion.model.fusion.FusionPoint;
import tandem.emotion.model.fusion.OptionKeys;
import tandem.nn.Module;
import tandem.nn.layers.Linear;

/**
 * FiLM fusion (feature-wise linear modulation, Perez et al. 2018) as a Tandem plugin: each modality's global context
 * scales and shifts the other's channels.
 * <pre>
 *   c_v = GAP(F_v)  (B, Cv)          c_a = GAP(F_a)  (B, Ca)
 *   F_v' = F_v * (1 + tanh(G_v c_a)) + S_v c_a      scale in (0, 2), broadcast over T, H, W
 *   F_a' = F_a * (1 + tanh(G_a c_v)) + S_a c_v      broadcast over L
 * </pre>
 * Option {@code shift} (true): false drops the S terms. Taps: {@code scale_video} (B, Cv), {@code scale_audio} (B, Ca).
 */
public final class FilmFusion extends Module implements FusionBlock, Settings {
    private final int videoChannels, audioChannels;
    private final boolean shift;
    private final Linear videoScale, audioScale, videoShift, audioShift;

    public FilmFusion(int videoChannels, int audioChannels, boolean shift) {
        this.videoChannels = videoChannels;
        this.audioChannels = audioChannels;
        this.shift = shift;
        videoScale = child("video_scale", new Linear(audioChannels, videoChannels));
        audioScale = child("audio_scale", new Linear(videoChannels, audioChannels));
        videoShift = shift ? child("video_shift", new Linear(audioChannels, videoChannels)) : null;
        audioShift = shift ? child("audio_shift", new Linear(videoChannels, audioChannels)) : null;
    }

    // video: (B, Cv, T, H, W), audio: (B, Ca, L) -> same shapes
    @Override
    public Fused forward(Var video, Var audio) {
        FeatureShapes.require("film fusion", video, audio, videoChannels, audioChannels);
        int batch = video.size(0);
        Var videoContext = video.mean(false, 2, 3, 4);                                       // (B, Cv)
        Var audioContext = audio.mean(false, 2);                                             // (B, Ca)
        Var videoGain = tap("scale_video", videoScale.forward(audioContext).tanh().add(1));  // (B, Cv)
        Var audioGain = tap("scale_audio", audioScale.forward(videoContext).tanh().add(1));  // (B, Ca)
        Var v = video.mul(videoGain.reshape(batch, videoChannels, 1, 1, 1));
        Var a = audio.mul(audioGain.reshape(batch, audioChannels, 1));
        if (shift) {
            v = v.add(videoShift.forward(audioContext).reshape(batch, videoChannels, 1, 1, 1));
            a = a.add(audioShift.forward(videoContext).reshape(batch, audioChannels, 1));
        }
        return new Fused(v, a);
    }

    @Override
    public String settings() { return "shift=" + shift; }

    /** Registered in META-INF/services/tandem.emotion.model.fusion.FusionFactory as org.example.tandem.film.FilmFusion$Factory. */
    public static final class Factory implements FusionFactory {
        @Override
        public String name() { return "film"; }

        @Override
        public Set<FusionPoint> defaultPoints() { return EnumSet.of(FusionPoint.LATE); }

        @Override
        @SuppressWarnings("unchecked")
        public <M extends Module & FusionBlock> M create(FusionPoint point, int videoChannels, int audioChannels, FusionOptions options) {
            OptionKeys.requireKnown("film", options, Set.of("shift"));
            return (M) new FilmFusion(videoChannels, audioChannels, options.boolValue("shift", true));
        }
    }
}
