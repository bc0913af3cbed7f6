package tandem.emotion.model.fusion;

import tandem.autograd.Var;
import tandem.tensor.Shape;

/**
 * The shape check every fusion block starts with: video (B, Cv, T, H, W) and audio (B, Ca, L) of one batch, with the
 * channel counts the block was built for. Public so that a variant in a plugin jar checks its inputs the same way.
 */
public final class FeatureShapes {
    private FeatureShapes() {}

    /** Fails with a message naming {@code block}, the expected layout and the shapes received. */
    public static void require(String block, Var video, Var audio, int videoChannels, int audioChannels) {
        if (video.dim() != 5 || video.size(1) != videoChannels) {
            throw new IllegalArgumentException(block + ": video features must be (B, " + videoChannels + ", T, H, W), got " + Shape.str(video.shape()));
        }
        if (audio.dim() != 3 || audio.size(1) != audioChannels) {
            throw new IllegalArgumentException(block + ": audio features must be (B, " + audioChannels + ", L), got " + Shape.str(audio.shape()));
        }
        if (video.size(0) != audio.size(0)) {
            throw new IllegalArgumentException(block + ": video batch " + video.size(0) + " differs from audio batch " + audio.size(0)
                    + " (video " + Shape.str(video.shape()) + ", audio " + Shape.str(audio.shape()) + ")");
        }
    }
}
