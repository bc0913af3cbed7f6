package tandem.nn.layers;

import java.util.Arrays;
import tandem.autograd.Var;
import tandem.nn.Layer;
import tandem.nn.Module;

/**
 * Adaptive average pooling to a fixed output size over the trailing spatial dims of (B, C, *S), with PyTorch's
 * windows: cell i covers [floor(i*S/out), ceil((i+1)*S/out)). Output size 1 everywhere is global average pooling.
 */
public final class AdaptiveAvgPool extends Module implements Layer {
    private final int[] outSize;

    public AdaptiveAvgPool(int... outSize) { this.outSize = outSize.clone(); }

    public static AdaptiveAvgPool global(int spatialDims) {
        int[] ones = new int[spatialDims];
        Arrays.fill(ones, 1);
        return new AdaptiveAvgPool(ones);
    }

    @Override
    public Var forward(Var x) {
        try (var s = profileScope()) {
            int n = outSize.length;
            if (x.dim() != n + 2) {
                throw new IllegalArgumentException("AdaptiveAvgPool" + n + "d: input " + Arrays.toString(x.shape())
                        + " is not (B, C, " + n + " spatial dims)");
            }
            for (int d = 0; d < n; d++) x = poolAxis(x, d + 2, outSize[d]);
            return x;
        }
    }

    private static Var poolAxis(Var x, int axis, int out) {
        int in = x.size(axis);
        if (out == 1) return x.mean(true, axis);
        Var[] cells = new Var[out];
        for (int i = 0; i < out; i++) {
            int start = (int) Math.floor((double) i * in / out);
            int end = (int) Math.ceil((double) (i + 1) * in / out);
            cells[i] = x.narrow(axis, start, end - start).mean(true, axis);
        }
        return Var.cat(axis, cells);
    }
}
