package tandem.emotion.model.head;

import tandem.autograd.Var;
import tandem.nn.Module;
import tandem.nn.layers.Dropout;
import tandem.nn.layers.Linear;
import tandem.tensor.Shape;

/**
 * MSAF's classifiers. Video: average pool over (T, H, W) then Linear(Cv, classes), as the 3D ResNeXt's
 * AvgPool3d + fc. Audio: flatten (Ca * L) then Dropout(0.4) then Linear(Ca * L, classes), as the 1-D CNN's tail.
 * Children: {@code dropout} (audio only) and {@code fc}.
 */
public final class LinearHead extends Module implements Head {
    /** MSAF's dropout before the audio classifier. */
    public static final double AUDIO_DROPOUT = 0.4;

    private final int channels, length, classes;
    private final boolean pool;
    private final Dropout dropout;
    private final Linear fc;

    private LinearHead(int channels, int length, int classes, boolean pool, double dropoutP) {
        if (channels < 1 || classes < 1 || (!pool && length < 1)) {
            throw new IllegalArgumentException("linear head: channels " + channels + ", length " + length + ", classes " + classes + " must be positive");
        }
        this.channels = channels;
        this.length = length;
        this.classes = classes;
        this.pool = pool;
        dropout = pool ? null : child("dropout", new Dropout(dropoutP));
        fc = child("fc", new Linear(pool ? channels : channels * length, classes));
    }

    /** Video: (B, Cv, T, H, W) -> global average pool -> Linear(Cv, classes). */
    public static LinearHead video(int channels, int classes) { return new LinearHead(channels, 0, classes, true, 0); }

    /** Audio: (B, Ca, L) -> flatten -> Dropout(0.4) -> Linear(Ca * L, classes). */
    public static LinearHead audio(int channels, int length, int classes) { return new LinearHead(channels, length, classes, false, AUDIO_DROPOUT); }

    @Override
    public int classes() { return classes; }

    @Override
    public Var forward(Var features) {
        if (pool) {
            if (features.dim() != 5 || features.size(1) != channels) {
                throw new IllegalArgumentException("linear video head: features must be (B, " + channels + ", T, H, W), got " + Shape.str(features.shape()));
            }
            return fc.forward(features.mean(false, 2, 3, 4));
        }
        if (features.dim() != 3 || features.size(1) != channels || features.size(2) != length) {
            throw new IllegalArgumentException("linear audio head: features must be (B, " + channels + ", " + length + "), got " + Shape.str(features.shape()));
        }
        return fc.forward(dropout.forward(features.flatten(1)));
    }
}
