package tandem.emotion.model.head;

import tandem.autograd.Var;
import tandem.autograd.ops.SeExcite;
import tandem.emotion.model.Settings;
import tandem.nn.Module;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.Shape;
import tandem.tensor.Tensor;

/**
 * The proposed classifier (seed paper, section 4.2): one squeeze-and-excitation per class turns the N final feature
 * maps into C class maps.
 * <pre>
 *   z   = GAP(F)                                  (B, N)
 *   s_c = sigmoid(W2_c relu(W1_c z))              (B, N) per class, bottleneck N -> max(minHidden, N / r) -> N  (eq. 7)
 *   F_c = F * s_c                                 channel scaling
 *   score_c = GAP of F_c over channels and space  (B, C); R = softmax(score)                              (eq. 8)
 * </pre>
 * The channel mean of F_c, sum_n s_c[n] F[n] / N, is computed as one matrix product (B, C, N) x (B, N, S) and is
 * both the class map an educator draws and, averaged over space, the class score; the full (B, C, N, *S) volume is
 * never materialised. {@link ScoreCalibration} decides what happens to the scores before the softmax (default: a
 * learnable per-class scale and bias, see docs/model-readings.md). {@link #forward} returns the logits, not R.
 * <p>
 * Children: {@code fc1} (W1, weight (C, hidden, N)) and {@code fc2} (W2, weight (C, N, hidden)); with affine
 * calibration the parameters {@code score_scale} and {@code score_bias} (C). Tap: {@code class_maps} (B, C, *S).
 * Works on any (B, N, *S): video (B, N, T, H, W) or audio (B, N, L).
 */
public final class ClassMapHead extends Module implements Head, Settings {
    public static final int DEFAULT_REDUCTION = 16;
    public static final int DEFAULT_MIN_HIDDEN = 4;

    private final int channels, classes, reduction, minHidden;
    private final ScoreCalibration calibration;
    private final StackedLinear fc1, fc2;
    private final Var scoreScale, scoreBias;
    private final boolean fused;

    public ClassMapHead(int channels, int classes) {
        this(channels, classes, DEFAULT_REDUCTION, DEFAULT_MIN_HIDDEN, ScoreCalibration.AFFINE, true);
    }

    /**
     * @param fused true: the C excitations in one fused kernel ({@code SeExcite}); false: as a composition of
     *              primitives (stacked matmuls). Both compute the same values and gradients.
     */
    public ClassMapHead(int channels, int classes, int reduction, int minHidden, ScoreCalibration calibration, boolean fused) {
        this.fused = fused;
        if (channels < 1 || classes < 1 || reduction < 1 || minHidden < 1) {
            throw new IllegalArgumentException("class-map head: channels " + channels + ", classes " + classes + ", reduction " + reduction
                    + ", minHidden " + minHidden + " must all be positive");
        }
        this.channels = channels;
        this.classes = classes;
        this.reduction = reduction;
        this.minHidden = minHidden;
        this.calibration = calibration;
        int hidden = hiddenWidth(channels, reduction, minHidden);
        fc1 = child("fc1", new StackedLinear(classes, channels, hidden));
        fc2 = child("fc2", new StackedLinear(classes, hidden, channels));
        if (calibration == ScoreCalibration.AFFINE) {
            scoreScale = param("score_scale", Tensor.full(channels, DType.F32, Device.CPU, classes));
            scoreBias = param("score_bias", Tensor.zeros(classes));
        } else {
            scoreScale = null;
            scoreBias = null;
        }
    }

    /** The excitation bottleneck width: N / r, but at least minHidden. */
    public static int hiddenWidth(int channels, int reduction, int minHidden) { return Math.max(minHidden, channels / reduction); }

    @Override
    public int classes() { return classes; }

    @Override
    public String settings() {
        return "score=" + calibration.key() + " reduction=" + reduction + " minHidden=" + minHidden + " hidden="
                + hiddenWidth(channels, reduction, minHidden) + " channels=" + channels + " fused=" + fused;
    }

    // features: (B, N, *S) -> logits (B, C)
    @Override
    public Var forward(Var features) {
        if (features.dim() < 3 || features.size(1) != channels) {
            throw new IllegalArgumentException("class-map head: features must be (B, " + channels + ", *spatial) with at least one spatial axis, got "
                    + Shape.str(features.shape()));
        }
        int[] shape = features.shape();
        int batch = shape[0];
        int[] spatialAxes = new int[shape.length - 2];
        for (int i = 0; i < spatialAxes.length; i++) spatialAxes[i] = i + 2;

        Var z = features.mean(false, spatialAxes);                                    // (B, N)
        Var gates = fused ? SeExcite.apply(z, fc1.weight(), fc1.bias(), fc2.weight(), fc2.bias())   // (B, C, N)  eq. 7
                : fc2.forward(fc1.forward(z.unsqueeze(0).expand(classes, batch, channels)).relu()).sigmoid().permute(1, 0, 2);
        Var flat = features.reshape(batch, channels, -1);                            // (B, N, S)
        Var maps = gates.matmul(flat).mul(1.0 / channels);                           // (B, C, S) channel mean of F_c
        int[] mapShape = shape.clone();
        mapShape[1] = classes;
        tap("class_maps", maps.reshape(mapShape));
        Var scores = maps.mean(false, 2);                                            // (B, C)      eq. 8 before softmax
        return scoreScale == null ? scores : scores.mul(scoreScale).add(scoreBias);
    }
}
