package tandem.nn.layers;

import java.util.Arrays;
import tandem.autograd.Var;
import tandem.nn.Layer;
import tandem.nn.Module;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.Tensor;

/**
 * Batch normalisation over (B, C, *S) with {@code spatialDims} trailing dims (0 for BatchNorm1d on (B, C),
 * 1 for (B, C, L), 3 for BatchNorm3d). Names as PyTorch: weight, bias, running_mean, running_var.
 * (PyTorch's int64 num_batches_tracked is not kept: Tandem has no integer dtype and it only matters for momentum=None.)
 */
public final class BatchNorm extends Module implements Layer {
    private final Var weight, bias;
    private final int channels;
    private final double momentum, eps;

    public BatchNorm(int channels) { this(channels, 0.1, 1e-5); }

    public BatchNorm(int channels, double momentum, double eps) {
        this.channels = channels;
        this.momentum = momentum;
        this.eps = eps;
        weight = param("weight", Tensor.full(1, DType.F32, Device.CPU, channels));
        bias = param("bias", Tensor.zeros(channels));
        buffer("running_mean", Tensor.zeros(channels));
        buffer("running_var", Tensor.full(1, DType.F32, Device.CPU, channels));
    }

    public Var weight() { return weight; }

    @Override
    public Var forward(Var x) {
        try (var s = profileScope()) {
            if (x.dim() < 2 || x.size(1) != channels) {
                throw new IllegalArgumentException("BatchNorm(" + channels + "): input shape " + Arrays.toString(x.shape())
                        + " has no channel axis of size " + channels + " at position 1");
            }
            if (isTraining() && x.data().numel() / channels <= 1) {
                throw new IllegalArgumentException("BatchNorm(" + channels + "): training needs more than one value per channel, got input "
                        + Arrays.toString(x.shape()));
            }
            return tandem.autograd.ops.BatchNorm.apply(x, weight, bias, bufferValue("running_mean"), bufferValue("running_var"),
                    isTraining(), momentum, eps);
        }
    }
}
