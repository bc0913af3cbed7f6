package tandem.emotion.model.head;

import tandem.autograd.Var;

/**
 * A classifier over one modality's final feature maps: video (B, Cv, T, H, W) or audio (B, Ca, L) in,
 * logits (B, classes) out (pre-softmax; the loss applies log-softmax). Implementations are {@link tandem.nn.Module}s.
 */
public interface Head {
    Var forward(Var features);

    int classes();
}
