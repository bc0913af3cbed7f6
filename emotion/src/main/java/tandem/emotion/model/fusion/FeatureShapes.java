package tandem.emotion.model.fusion;

import tandem.autograd.Var;
import tandem.tensor.Shape;

/** Shape checks shared by the fusion blocks: video (B, Cv, T, H, W) and audio (B, Ca, L) of one batch. */
final class FeatureShapes {
    private FeatureShapes() {}

    static void require(String block, Var video, Var audio, int videoChannels, int audioChannels) {
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
