package tandem.emotion.model;

import tandem.autograd.Var;

/** A classifier of (video (B, 3, T, H, W), audio (B, mfcc, L)) into logits (B, classes). */
public interface AudioVisualModel {
    Var forward(Var video, Var audio);
}
