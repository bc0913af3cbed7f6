package tandem.emotion.model.fusion;

import tandem.autograd.Var;
import tandem.emotion.model.Settings;
import tandem.nn.Module;

/**
 * MSAF with {@code split_block} = N (option {@code split}): both modalities' time axes (axis 2: video T, audio L) are
 * cut into N segments, and each segment pair goes through its own {@link MsafBlock} with its own parameters; the
 * outputs are joined along time again. As the reference, every segment has floor(T / N) steps and the last one also
 * takes the remainder, so segment i of video and of audio cover about the same stretch of the clip.
 * <p>
 * Children: {@code segment0} ... {@code segment<N-1>}, each an MSAF block (taps {@code segment<i>.attention}).
 */
public final class MsafSplit extends Module implements FusionBlock, Settings {
    private final MsafBlock[] segments;
    private final int videoChannels, audioChannels;

    public MsafSplit(int videoChannels, int audioChannels, MsafOptions options, int split) {
        if (split < 2) throw new IllegalArgumentException("msaf: a split block needs split >= 2, got " + split);
        this.videoChannels = videoChannels;
        this.audioChannels = audioChannels;
        segments = new MsafBlock[split];
        for (int i = 0; i < split; i++) segments[i] = child("segment" + i, new MsafBlock(videoChannels, audioChannels, options));
    }

    /** The block of each time segment. */
    public MsafBlock segment(int i) { return segments[i]; }

    public int split() { return segments.length; }

    @Override
    public String settings() { return "split=" + segments.length + " " + segments[0].settings(); }

    // video: (B, Cv, T, H, W), audio: (B, Ca, L) -> same shapes
    @Override
    public Fused forward(Var video, Var audio) {
        FeatureShapes.require("msaf", video, audio, videoChannels, audioChannels);
        int n = segments.length, t = video.size(2), l = audio.size(2);
        if (t < n || l < n) {
            throw new IllegalArgumentException("msaf: split=" + n + " needs at least " + n + " time steps in both modalities, got video T=" + t
                    + " and audio L=" + l);
        }
        Var[] videoOut = new Var[n], audioOut = new Var[n];
        for (int i = 0; i < n; i++) {
            Fused f = segments[i].forward(segmentOf(video, i, n), segmentOf(audio, i, n));
            videoOut[i] = f.video();
            audioOut[i] = f.audio();
        }
        return new Fused(Var.cat(2, videoOut), Var.cat(2, audioOut));
    }

    // x: (B, C, T, ...) -> segment i of n along T: floor(T / n) steps, the last one with the remainder
    static Var segmentOf(Var x, int i, int n) {
        int length = x.size(2), size = length / n;
        return x.narrow(2, i * size, i == n - 1 ? length - i * size : size);
    }
}
