package tandem.emotion.model.fusion;

import tandem.autograd.Var;
import tandem.autograd.ops.WindowedAttention;
import tandem.nn.layers.Attention;
import tandem.tensor.Tensor;
import tandem.tensor.TimeWindows;

/**
 * The proposed fusion block (seed paper, section 4.1): cross-attention between video and audio inside time windows.
 * <ol>
 * <li>Context vectors: video F_v^c = spatial global average pool of F_v, (B, Cv, Tv); audio F_a^c = F_a, (B, Ca, L).</li>
 * <li>Both time axes are cut into the same W windows (see {@link TimeWindows}), so window i covers the same fraction
 * of the clip in both modalities although Tv and L differ. Inside a window the tokens are the time steps.</li>
 * <li>Video queries audio: q = w_q v_s (Cv -> D), k = w_k a_s, v = w_v a_s (Ca -> D), softmax(q k^T / sqrt(D)) v
 * (eqs. 1-5); audio queries video symmetrically with its own projections. A query never sees another window.</li>
 * <li>Each direction's output is projected back to its modality's channels and turned into gates A_v (B, Cv, Tv),
 * A_a (B, Ca, L) which scale the feature maps, broadcast over H and W: F' = {F_v * A_v, F_a * A_a} (eq. 6).</li>
 * </ol>
 * Readings of what the paper leaves open (also in docs/model-readings.md), each an option of {@link WindowOptions}:
 * <ul>
 * <li>gate activation: sigmoid by default ({@link GateActivation} lists 1 + tanh and a channel softmax);</li>
 * <li>residual: none by default, F * A exactly as eq. 6; optionally F * (1 + A);</li>
 * <li>window count: default min(4, Tv, L), so the default fits any input; an explicit W larger than the shorter
 * axis is an error, never silently reduced;</li>
 * <li>D: 64; placement: LATE by default (the paper uses a single block), MID works too.</li>
 * </ul>
 * When both axes divide evenly into W windows, all windows run as one batched attention; otherwise each window is
 * computed separately and the outputs are joined along time.
 * <p>
 * Taps: {@code attn_video_to_audio} (B, W, Sv, Sa) and {@code attn_audio_to_video} (B, W, Sa, Sv), each row a
 * distribution over the other modality's steps in the same window; with unequal windows they are published per window
 * as {@code attn_video_to_audio.window<i>} (B, Sv_i, Sa_i) and {@code attn_audio_to_video.window<i>}.
 * {@code gate_video} (B, Cv, Tv) and {@code gate_audio} (B, Ca, L) are the gates A before the residual.
 * Children: {@code video_to_audio} and {@code audio_to_video}, each with query, key, value, out.
 */
public final class WindowedCrossAttention extends TwoWayAttention {
    public WindowedCrossAttention(int videoChannels, int audioChannels, WindowOptions options) {
        super("window fusion", videoChannels, audioChannels, options);
    }

    @Override
    public String settings() { return describeOptions() + " token=time-step fused=" + options.fused(); }

    // video: (B, Cv, Tv, H, W), audio: (B, Ca, L) -> same shapes
    @Override
    public Fused forward(Var video, Var audio) {
        FeatureShapes.require("window fusion", video, audio, videoChannels, audioChannels);
        int tv = video.size(2), l = audio.size(2);
        int w = options.resolve(tv, l);
        Var videoContext = video.mean(false, 3, 4).transpose(1, 2);   // (B, Tv, Cv)
        Var audioContext = audio.transpose(1, 2);                     // (B, L, Ca)
        TimeWindows videoWindows = new TimeWindows(tv, w), audioWindows = new TimeWindows(l, w);

        Var[] attended = options.fused() ? attendFused(videoContext, audioContext, videoWindows, audioWindows)
                : videoWindows.equal() && audioWindows.equal() ? attendBatched(videoContext, audioContext, w)
                : attendPerWindow(videoContext, audioContext, videoWindows, audioWindows);

        Var videoGate = tap("gate_video", options.gate().apply(videoToAudio.project(attended[0]).transpose(1, 2)));   // (B, Cv, Tv)
        Var audioGate = tap("gate_audio", options.gate().apply(audioToVideo.project(attended[1]).transpose(1, 2)));   // (B, Ca, L)
        int batch = video.size(0);
        return new Fused(video.mul(scale(videoGate).reshape(batch, videoChannels, tv, 1, 1)), audio.mul(scale(audioGate)));
    }

    private Var scale(Var gate) { return options.residual() ? gate.add(1) : gate; }

    // videoContext: (B, Tv, Cv), audioContext: (B, L, Ca), both axes divisible by w -> {(B, Tv, D), (B, L, D)}
    private Var[] attendBatched(Var videoContext, Var audioContext, int w) {
        int batch = videoContext.size(0), tv = videoContext.size(1), l = audioContext.size(1), d = options.dim();
        Var videoTokens = videoContext.reshape(batch, w, tv / w, videoChannels);   // (B, W, Sv, Cv)
        Var audioTokens = audioContext.reshape(batch, w, l / w, audioChannels);    // (B, W, Sa, Ca)
        Attention.Result v2a = videoToAudio.attend(videoTokens, audioTokens);
        Attention.Result a2v = audioToVideo.attend(audioTokens, videoTokens);
        tap("attn_video_to_audio", v2a.weights());   // (B, W, Sv, Sa)
        tap("attn_audio_to_video", a2v.weights());   // (B, W, Sa, Sv)
        return new Var[] {v2a.output().reshape(batch, tv, d), a2v.output().reshape(batch, l, d)};
    }

    // every window of both directions in the fused kernel; the weights are recomputed for the taps only when observed
    private Var[] attendFused(Var videoContext, Var audioContext, TimeWindows videoWindows, TimeWindows audioWindows) {
        int w = videoWindows.count();
        double scale = 1.0 / Math.sqrt(options.dim());
        Var[] v2a = videoToAudio.project(videoContext, audioContext);   // q (B, Tv, D), k and v (B, L, D)
        Var[] a2v = audioToVideo.project(audioContext, videoContext);   // q (B, L, D), k and v (B, Tv, D)
        if (isObserved()) {
            publish("attn_video_to_audio", WindowedAttention.weights(v2a[0], v2a[1], w, scale), videoWindows, audioWindows);
            publish("attn_audio_to_video", WindowedAttention.weights(a2v[0], a2v[1], w, scale), audioWindows, videoWindows);
        }
        return new Var[] {WindowedAttention.apply(v2a[0], v2a[1], v2a[2], w, scale), WindowedAttention.apply(a2v[0], a2v[1], a2v[2], w, scale)};
    }

    /** The diagonal blocks of dense weights (B, Tq, Tk), tapped as the composite paths tap them. */
    private void publish(String tag, Tensor dense, TimeWindows q, TimeWindows k) {
        int w = q.count();
        Var[] blocks = new Var[w];
        for (int i = 0; i < w; i++) {
            Tensor block = dense.narrow(1, q.start(i), q.size(i)).narrow(2, k.start(i), k.size(i)).contiguous();
            blocks[i] = Var.constant(block);
        }
        if (q.equal() && k.equal()) {
            for (int i = 0; i < w; i++) blocks[i] = blocks[i].unsqueeze(1);
            tap(tag, Var.cat(1, blocks));                            // (B, W, Sq, Sk)
        } else {
            for (int i = 0; i < w; i++) tap(tag + ".window" + i, blocks[i]);
        }
    }

    private Var[] attendPerWindow(Var videoContext, Var audioContext, TimeWindows videoWindows, TimeWindows audioWindows) {
        int w = videoWindows.count();
        Var[] videoOut = new Var[w], audioOut = new Var[w];
        for (int i = 0; i < w; i++) {
            Var videoTokens = videoContext.narrow(1, videoWindows.start(i), videoWindows.size(i));   // (B, Sv_i, Cv)
            Var audioTokens = audioContext.narrow(1, audioWindows.start(i), audioWindows.size(i));   // (B, Sa_i, Ca)
            Attention.Result v2a = videoToAudio.attend(videoTokens, audioTokens);
            Attention.Result a2v = audioToVideo.attend(audioTokens, videoTokens);
            tap("attn_video_to_audio.window" + i, v2a.weights());
            tap("attn_audio_to_video.window" + i, a2v.weights());
            videoOut[i] = v2a.output();
            audioOut[i] = a2v.output();
        }
        return new Var[] {Var.cat(1, videoOut), Var.cat(1, audioOut)};
    }
}
