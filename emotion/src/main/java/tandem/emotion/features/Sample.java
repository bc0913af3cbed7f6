package tandem.emotion.features;

import tandem.emotion.protocol.SubSegment;

/**
 * One model input: video (3, T, H, W) and MFCC (mfcc, L) as flat arrays, with its label and origin. For prediction with
 * a single-modality model, the modality it does not read is null.
 */
public record Sample(float[] video, float[] audio, int label, SubSegment segment) {}
