package tandem.emotion.model.fusion;

import tandem.autograd.Var;
import tandem.nn.layers.Attention;
import tandem.tensor.TimeWindows;

/**
 * The other reading of the seed paper's eqs. 1-3 (section 4.1): each window is one token, and attention runs across
 * the M windows. Eq. 2 indexes queries and keys by window, {@code softmax([q_l, k_m])} for l, m in 1..M, and eq. 5
 * projects "the windowed segments v_s and a_s": here a window's segment becomes one token, the mean of its context
 * vectors, and a video window attends to every audio window (and the reverse). {@link WindowedCrossAttention} reads
 * the same equations with every time step a token and attention inside each window.
 * <ol>
 * <li>Context vectors as in the windowed block: video F_v^c = mean over H, W (B, Cv, Tv); audio F_a^c = F_a (B, Ca, L).</li>
 * <li>Both time axes cut into the same M windows ({@link TimeWindows}); token i of a modality is the mean of its
 * context vectors in window i: video tokens (B, M, Cv), audio tokens (B, M, Ca).</li>
 * <li>Video queries audio across windows: q = w_q v_s, k = w_k a_s, v = w_v a_s, softmax(q k^T / sqrt(D)) v, an
 * (M, M) attention (eqs. 3-5); audio queries video with its own projections.</li>
 * <li>Each direction's output is projected back to its modality's channels and turned into gates, one per channel
 * and window, A_v (B, Cv, M) and A_a (B, Ca, M); every step of window i (and every pixel) is scaled by window i's
 * gate: F' = {F_v * A_v, F_a * A_a} (eq. 6).</li>
 * </ol>
 * Options as the windowed block's, without {@code fused}: windows (M; default min(4, Tv, L)), dim (D, 64), gate,
 * residual. Taps: {@code attn_video_to_audio} (B, M, M), {@code attn_audio_to_video} (B, M, M), {@code gate_video}
 * (B, Cv, M), {@code gate_audio} (B, Ca, M). Children: {@code video_to_audio} and {@code audio_to_video}, each with
 * query, key, value, out.
 */
public final class WindowTokenAttention extends TwoWayAttention {
    public WindowTokenAttention(int videoChannels, int audioChannels, WindowOptions options) {
        super("window-token fusion", videoChannels, audioChannels, options);
    }

    @Override
    public String settings() { return describeOptions() + " token=window-mean"; }

    // video: (B, Cv, Tv, H, W), audio: (B, Ca, L) -> same shapes
    @Override
    public Fused forward(Var video, Var audio) {
        FeatureShapes.require("window-token fusion", video, audio, videoChannels, audioChannels);
        int tv = video.size(2), l = audio.size(2), batch = video.size(0);
        int m = options.resolve(tv, l);
        TimeWindows videoWindows = new TimeWindows(tv, m), audioWindows = new TimeWindows(l, m);
        Var videoTokens = tokens(video.mean(false, 3, 4), videoWindows);   // (B, M, Cv)
        Var audioTokens = tokens(audio, audioWindows);                      // (B, M, Ca)

        Attention.Result v2a = videoToAudio.attend(videoTokens, audioTokens);   // output (B, M, D), weights (B, M, M)
        Attention.Result a2v = audioToVideo.attend(audioTokens, videoTokens);
        tap("attn_video_to_audio", v2a.weights());
        tap("attn_audio_to_video", a2v.weights());
        Var videoGate = tap("gate_video", options.gate().apply(videoToAudio.project(v2a.output()).transpose(1, 2)));   // (B, Cv, M)
        Var audioGate = tap("gate_audio", options.gate().apply(audioToVideo.project(a2v.output()).transpose(1, 2)));   // (B, Ca, M)
        if (options.residual()) {
            videoGate = videoGate.add(1);
            audioGate = audioGate.add(1);
        }
        Var[] videoOut = new Var[m], audioOut = new Var[m];
        for (int i = 0; i < m; i++) {
            Var gv = videoGate.narrow(2, i, 1).reshape(batch, videoChannels, 1, 1, 1);
            videoOut[i] = video.narrow(2, videoWindows.start(i), videoWindows.size(i)).mul(gv);
            audioOut[i] = audio.narrow(2, audioWindows.start(i), audioWindows.size(i)).mul(audioGate.narrow(2, i, 1));
        }
        return new Fused(Var.cat(2, videoOut), Var.cat(2, audioOut));
    }

    // context: (B, C, T) -> (B, M, C), token i the mean of window i's steps
    private static Var tokens(Var context, TimeWindows windows) {
        Var[] tokens = new Var[windows.count()];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = context.narrow(2, windows.start(i), windows.size(i)).mean(false, 2).unsqueeze(1);
        }
        return Var.cat(1, tokens);
    }
}
