package tandem.emotion.model.backbone;

import tandem.autograd.Var;
import tandem.emotion.model.Footprint;
import tandem.emotion.model.LayerTable;
import tandem.emotion.model.ShapeDescribed;
import tandem.nn.Layer;
import tandem.nn.Module;
import tandem.nn.layers.BatchNorm;
import tandem.nn.layers.Conv;
import tandem.nn.layers.Dropout;
import tandem.nn.layers.Pooling;
import tandem.tensor.PoolSpec;

/**
 * The audio branch: MSAF's 1-D CNN over MFCC frames, up to its last feature maps (flatten, dropout and the linear
 * classifier belong to the head). For 13 MFCC x 212 frames:
 * <pre>
 * conv1 Conv1d(13,32,k7,p2) ReLU bn1 conv2 Conv1d(32,32,k7,p2) ReLU      -> (B, 32, 208)   fusion point MID
 * pool MaxPool1d(8) bn2 Dropout(0.2) conv3 Conv1d(32,64,k5,p2) ReLU bn3   -> (B, 64, 26)    fusion point LATE
 * </pre>
 * ReLU comes before batch norm here, as in the reference. The two halves are {@link #forwardToMid} and
 * {@link #forwardMidToLate}; their outputs are tapped as "mid" and "late".
 */
public final class AudioCnn extends Module implements Layer, ShapeDescribed {
    public static final int MID_CHANNELS = 32;
    public static final int LATE_CHANNELS = 64;
    private static final int POOL = 8;

    private final int coefficients, frames;
    private final Conv conv1, conv2, conv3;
    private final BatchNorm bn1, bn2, bn3;
    private final PoolSpec poolSpec = PoolSpec.of(1, POOL, POOL, 0);
    private final Pooling pool;
    private final Dropout dropout;

    /** @param coefficients MFCC coefficients per frame (13); @param frames MFCC frames per clip (212 for 2.45 s) */
    public AudioCnn(int coefficients, int frames) {
        if (coefficients < 1) throw new IllegalArgumentException("AudioCnn: need at least one MFCC coefficient, got " + coefficients);
        // conv1 and conv2 each shorten by 2 frames; the max-pool then needs at least one full window.
        if (frames - 4 < POOL) {
            throw new IllegalArgumentException("AudioCnn: " + frames + " MFCC frames are too few; need at least " + (POOL + 4));
        }
        this.coefficients = coefficients;
        this.frames = frames;
        conv1 = child("conv1", Conv.conv1d(coefficients, MID_CHANNELS, 7, 1, 2));
        bn1 = child("bn1", new BatchNorm(MID_CHANNELS));
        conv2 = child("conv2", Conv.conv1d(MID_CHANNELS, MID_CHANNELS, 7, 1, 2));
        pool = child("pool", new Pooling(poolSpec, true));
        bn2 = child("bn2", new BatchNorm(MID_CHANNELS));
        dropout = child("dropout", new Dropout(0.2));
        conv3 = child("conv3", Conv.conv1d(MID_CHANNELS, LATE_CHANNELS, 5, 1, 2));
        bn3 = child("bn3", new BatchNorm(LATE_CHANNELS));
    }

    public int coefficients() { return coefficients; }

    public int frames() { return frames; }

    /** Frames at the MID fusion point: two k7/p2 convs each remove 2. */
    public int midFrames() { return frames - 4; }

    /** Frames at the LATE fusion point: the max-pool divides by 8 (floor), the k5/p2 conv keeps the length. */
    public int lateFrames() { return midFrames() / POOL; }

    // x: (B, 13, L) -> (B, 32, L-4)
    public Var forwardToMid(Var x) {
        Var y = bn1.forward(conv1.forward(x).relu());
        return tap("mid", conv2.forward(y).relu());
    }

    // x: (B, 32, L-4) -> (B, 64, (L-4)/8)
    public Var forwardMidToLate(Var x) {
        Var y = dropout.forward(bn2.forward(pool.forward(x)));
        return tap("late", bn3.forward(conv3.forward(y).relu()));
    }

    @Override
    public Var forward(Var x) { return forwardMidToLate(forwardToMid(x)); }

    /**
     * Parameters and activations for {@code coefficients} x {@code frames} MFCC input, without building the branch
     * (see {@link Footprint}); {@code AudioCnnTest} checks the parameter count against a built one.
     */
    public static Footprint footprint(int coefficients, int frames) {
        long c = coefficients, mid = MID_CHANNELS, late = LATE_CHANNELS, l = frames, pooled = Math.max(0, (l - 4) / POOL);
        long params = c * mid * 7 + mid + 2 * mid + mid * mid * 7 + mid + 2 * mid + mid * late * 5 + late + 2 * late;
        return new Footprint(params, 0, 0).plusActivation(c * l, 1).plusActivation(mid * (l - 2), 3).plusActivation(mid * (l - 4), 2)
                .plusActivation(mid * pooled, 3).plusActivation(late * pooled, 3);
    }

    @Override
    public int[] describe(String name, int[] input, LayerTable table) {
        int[] y = LayerShapes.conv(table, name + ".conv1", conv1, input);
        y = LayerShapes.same(table, name + ".bn1", bn1, y);
        y = LayerShapes.conv(table, name + ".conv2", conv2, y);
        y = LayerShapes.pool(table, name + ".pool", poolSpec, y);
        y = LayerShapes.same(table, name + ".bn2", bn2, y);
        y = LayerShapes.same(table, name + ".dropout", dropout, y);
        y = LayerShapes.conv(table, name + ".conv3", conv3, y);
        return LayerShapes.same(table, name + ".bn3", bn3, y);
    }
}
