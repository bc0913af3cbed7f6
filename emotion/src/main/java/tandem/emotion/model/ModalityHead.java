package tandem.emotion.model;

import tandem.autograd.Var;

/**
 * A classifier over one modality's final feature maps: video (B, C, T, H, W) or audio (B, C, L) in, logits
 * (B, classes) out. Implementations are {@link tandem.nn.Module}s, built by a {@link HeadFactory}.
 */
public interface ModalityHead {
    Var forward(Var features);
}
