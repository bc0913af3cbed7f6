package tandem.emotion.model;

import java.util.Arrays;
import tandem.autograd.Var;
import tandem.nn.Module;
import tandem.nn.layers.Dropout;
import tandem.nn.layers.Linear;

/**
 * MSAF's classifiers. Video (C, T, H, W): average over T, H, W (its AvgPool3d spans the whole final map) then
 * Linear(C, classes). Audio (C, L): flatten then Dropout(0.4) then Linear(C*L, classes). Names: dropout, fc.
 */
public final class LinearModalityHead extends Module implements ModalityHead {
    private final int[] featureShape;
    private final Dropout dropout;
    private final Linear fc;

    public LinearModalityHead(int[] featureShape, int classes) {
        if (featureShape.length != 2 && featureShape.length != 4) {
            throw new IllegalArgumentException("linear head: features must be (C, L) or (C, T, H, W), got " + Arrays.toString(featureShape));
        }
        if (classes < 1) throw new IllegalArgumentException("linear head: need at least one class, got " + classes);
        this.featureShape = featureShape.clone();
        boolean video = featureShape.length == 4;
        dropout = video ? null : child("dropout", new Dropout(0.4));
        fc = child("fc", new Linear(video ? featureShape[0] : featureShape[0] * featureShape[1], classes));
    }

    // video: (B, C, T, H, W) -> (B, classes); audio: (B, C, L) -> (B, classes)
    @Override
    public Var forward(Var features) {
        int[] s = features.shape();
        if (s.length != featureShape.length + 1 || !Arrays.equals(Arrays.copyOfRange(s, 1, s.length), featureShape)) {
            throw new IllegalArgumentException("linear head: features must be (B, " + Arrays.toString(featureShape).replaceAll("[\\[\\]]", "")
                    + "), got " + Arrays.toString(s));
        }
        if (dropout == null) return fc.forward(features.mean(false, 2, 3, 4));
        return fc.forward(dropout.forward(features.flatten(1)));
    }
}
