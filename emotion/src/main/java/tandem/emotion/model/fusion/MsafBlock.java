package tandem.emotion.model.fusion;

import java.util.Arrays;
import tandem.autograd.Var;
import tandem.emotion.model.Settings;
import tandem.nn.Module;
import tandem.nn.Seeds;
import tandem.nn.Sequential;
import tandem.nn.layers.Activation;
import tandem.nn.layers.BatchNorm;
import tandem.nn.layers.Linear;
import tandem.tensor.RandomKind;
import tandem.tensor.Tensor;

/**
 * Multimodal Split Attention Fusion (Su et al. 2021), the baseline's fusion block.
 * <ol>
 * <li>Split each modality's channels into n = ceil(C / bc) blocks of bc channels. When C is not a multiple of bc the
 * last block is zero-padded; padded channels are kept out of the softmax (their scores are pushed to -1e9) so they
 * take no attention from real channels, and they are cut off again at the end.</li>
 * <li>Block dropout (training only): a Bernoulli keep mask m per sample and block, scaled by 1/(1-p). The dropped
 * blocks x * m feed both the squeeze and the final scaling. With {@link MsafOptions#doubleDropout}, exactly as the
 * reference code: the squeeze sees x * m and the output is x * m * m * a.</li>
 * <li>Squeeze: sum a modality's blocks, average over its spatial/temporal axes, SUM over modalities: g (B, bc).</li>
 * <li>Joint: Linear(bc, bc/rf) -> BatchNorm1d -> ReLU (children {@code joint.0}, {@code joint.1}).</li>
 * <li>Excite: one Linear(bc/rf, bc) per block of every modality ({@code excite.0 ...}, video blocks first), softmax
 * across all blocks separately for each channel index, then a = lowestAtten + a (1 - lowestAtten).</li>
 * <li>Scale every block by its attention vector (broadcast over space) and reshape back. No residual.</li>
 * </ol>
 * Taps: {@code attention} (B, nv + na, bc), the softmax weights with video blocks first; in training with dropout,
 * {@code keep_video} (B, nv, 1, ...) and {@code keep_audio} (B, na, 1, ...), the scaled keep masks m.
 */
public final class MsafBlock extends Module implements FusionBlock, Settings {
    /** Large enough to make a padded channel's softmax weight exactly 0 in F32 and F64, small enough to stay finite. */
    private static final double PADDED_SCORE = -1e9;

    private final int videoChannels, audioChannels;
    private final int videoBlocks, audioBlocks;
    private final MsafOptions options;
    private final Sequential joint;
    private final BlockExcitations excite;

    public MsafBlock(int videoChannels, int audioChannels, MsafOptions options) {
        if (videoChannels < 1 || audioChannels < 1) {
            throw new IllegalArgumentException("msaf: channel counts must be positive, got video " + videoChannels + ", audio " + audioChannels);
        }
        this.videoChannels = videoChannels;
        this.audioChannels = audioChannels;
        this.options = options;
        int bc = options.blockChannels();
        videoBlocks = ceilDiv(videoChannels, bc);
        audioBlocks = ceilDiv(audioChannels, bc);
        int hidden = options.hiddenChannels();
        joint = child("joint", new Sequential(new Linear(bc, hidden), new BatchNorm(hidden), Activation.relu()));
        excite = child("excite", new BlockExcitations(videoBlocks + audioBlocks, hidden, bc));
    }

    public MsafOptions options() { return options; }

    public int videoBlocks() { return videoBlocks; }

    public int audioBlocks() { return audioBlocks; }

    @Override
    public String settings() { return options.describe() + " videoBlocks=" + videoBlocks + " audioBlocks=" + audioBlocks; }

    // video: (B, Cv, T, H, W), audio: (B, Ca, L) -> same shapes
    @Override
    public Fused forward(Var video, Var audio) {
        FeatureShapes.require("msaf", video, audio, videoChannels, audioChannels);
        int batch = video.size(0), bc = options.blockChannels();
        Var videoSplit = split(video, videoBlocks), audioSplit = split(audio, audioBlocks);   // (B, nv, bc, T, H, W), (B, na, bc, L)
        Var videoKeep = keepMask("keep_video", videoSplit), audioKeep = keepMask("keep_audio", audioSplit);   // m, or null
        if (videoKeep != null) {
            videoSplit = videoSplit.mul(videoKeep);                                              // x * m
            audioSplit = audioSplit.mul(audioKeep);
        }

        Var squeezed = squeeze(videoSplit).add(squeeze(audioSplit));   // (B, bc)
        Var scores = excite.forward(joint.forward(squeezed));         // (B, nv + na, bc)
        Var mask = paddingMask(scores);
        if (mask != null) scores = scores.add(mask);
        Var attention = scores.softmax(1);
        double floor = options.lowestAtten();
        if (floor > 0) attention = attention.mul(1 - floor).add(floor);
        tap("attention", attention);

        Var videoAtt = attention.narrow(1, 0, videoBlocks).reshape(broadcastShape(batch, videoBlocks, bc, video.dim() - 2));
        Var audioAtt = attention.narrow(1, videoBlocks, audioBlocks).reshape(broadcastShape(batch, audioBlocks, bc, audio.dim() - 2));
        if (videoKeep != null && options.doubleDropout()) {                                 // the reference's second mask
            videoSplit = videoSplit.mul(videoKeep);
            audioSplit = audioSplit.mul(audioKeep);
        }
        return new Fused(merge(videoSplit.mul(videoAtt), videoChannels), merge(audioSplit.mul(audioAtt), audioChannels));
    }

    // x: (B, C, *S) -> (B, n, bc, *S), zero-padding the channel axis up to n * bc
    private Var split(Var x, int blocks) {
        int bc = options.blockChannels();
        int[] s = x.shape();
        int pad = blocks * bc - s[1];
        if (pad > 0) {
            int[] padShape = s.clone();
            padShape[1] = pad;
            x = Var.cat(1, x, Var.constant(Tensor.zeros(x.dtype(), x.device(), padShape)));
        }
        int[] out = new int[s.length + 1];
        out[0] = s[0];
        out[1] = blocks;
        out[2] = bc;
        System.arraycopy(s, 2, out, 3, s.length - 2);
        return x.reshape(out);
    }

    // blocks: (B, n, bc, *S) -> (B, C, *S)
    private static Var merge(Var blocks, int channels) {
        int[] s = blocks.shape();
        int[] out = new int[s.length - 1];
        out[0] = s[0];
        out[1] = s[1] * s[2];
        System.arraycopy(s, 3, out, 2, s.length - 3);
        Var x = blocks.reshape(out);
        return out[1] == channels ? x : x.narrow(1, 0, channels);
    }

    // blocks: (B, n, bc, *S) -> keep mask (B, n, 1, ...) of 0 and 1/(1-p), drawn per sample and block; null when not dropping
    private Var keepMask(String tag, Var blocks) {
        double p = options.dropout();
        if (!isTraining() || p == 0) return null;
        int[] maskShape = new int[blocks.dim()];
        Arrays.fill(maskShape, 1);
        maskShape[0] = blocks.size(0);
        maskShape[1] = blocks.size(1);
        Tensor keep = Tensor.random(RandomKind.BERNOULLI, Seeds.next(), 1 - p, 0, blocks.dtype(), blocks.device(), maskShape);
        return tap(tag, Var.constant(keep.mul(1.0 / (1 - p))));
    }

    // blocks: (B, n, bc, *S) -> (B, bc): sum over blocks, mean over space/time
    private static Var squeeze(Var blocks) {
        Var summed = blocks.sum(false, 1);
        int[] spatial = new int[summed.dim() - 2];
        for (int i = 0; i < spatial.length; i++) spatial[i] = i + 2;
        return spatial.length == 0 ? summed : summed.mean(false, spatial);
    }

    /** (1, nv + na, bc) with PADDED_SCORE on zero-padded channels, or null when both modalities split evenly. */
    private Var paddingMask(Var scores) {
        int bc = options.blockChannels();
        int videoPad = videoBlocks * bc - videoChannels, audioPad = audioBlocks * bc - audioChannels;
        if (videoPad == 0 && audioPad == 0) return null;
        int blocks = videoBlocks + audioBlocks;
        double[] m = new double[blocks * bc];
        for (int c = bc - videoPad; c < bc; c++) m[(videoBlocks - 1) * bc + c] = PADDED_SCORE;
        for (int c = bc - audioPad; c < bc; c++) m[(blocks - 1) * bc + c] = PADDED_SCORE;
        return Var.constant(Tensor.of(m, 1, blocks, bc).to(scores.dtype()).to(scores.device()));
    }

    private static int[] broadcastShape(int batch, int blocks, int bc, int spatialDims) {
        int[] s = new int[3 + spatialDims];
        Arrays.fill(s, 1);
        s[0] = batch;
        s[1] = blocks;
        s[2] = bc;
        return s;
    }

    private static int ceilDiv(int a, int b) { return (a + b - 1) / b; }
}
