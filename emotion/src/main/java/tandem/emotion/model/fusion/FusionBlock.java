package tandem.emotion.model.fusion;

import tandem.autograd.Var;

/**
 * A fusion block: feature maps in, feature maps out, both modalities at once, shapes unchanged.
 * video: (B, Cv, T, H, W), audio: (B, Ca, L). Implementations are {@link tandem.nn.Module}s.
 */
public interface FusionBlock {
    Fused forward(Var video, Var audio);

    /** The fused feature maps, same shapes as the inputs. */
    record Fused(Var video, Var audio) {}
}
