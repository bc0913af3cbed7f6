package tandem.kernels.device;

import tandem.tensor.ConvSpec;
import tandem.tensor.PoolSpec;
import tandem.tensor.Shape;

/**
 * Packs the layout structs of tandem_layout.h as int arrays, field by field in declaration order.
 * Spatial geometry of 1-d and 2-d ops is padded in front to 3-d (size 1, stride 1, no padding, dilation 1).
 */
public final class Layouts {
    /** TK_MAX_RANK in tandem_layout.h. */
    public static final int MAX_RANK = 8;

    private Layouts() {}

    /** tk_shape: {rank, size[8]}. */
    public static int[] shape(String op, int[] shape) {
        checkRank(op, shape);
        int[] s = new int[1 + MAX_RANK];
        s[0] = shape.length;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    /** tk_strides: {s[8]}. */
    public static int[] strides(String op, int[] strides) {
        checkRank(op, strides);
        int[] s = new int[MAX_RANK];
        System.arraycopy(strides, 0, s, 0, strides.length);
        return s;
    }

    private static void checkRank(String op, int[] dims) {
        if (dims.length > MAX_RANK) {
            throw new IllegalArgumentException(op + ": rank " + dims.length + " (shape or strides " + Shape.str(dims)
                    + ") exceeds the device kernels' limit of " + MAX_RANK + " dimensions");
        }
    }

    /** tk_conv: {batch, in_c, out_c, groups, in[3], out[3], k[3], stride[3], pad[3], dil[3]}. */
    public static int[] conv(int[] x, int[] w, int[] y, ConvSpec spec) {
        int n = spec.dims();
        int[] g = new int[4 + 6 * 3];
        g[0] = x[0];
        g[1] = x[1];
        g[2] = w[0];
        g[3] = spec.groups();
        for (int d = 0; d < 3; d++) {
            int s = d - (3 - n); // spatial dim of the spec, or < 0 for a padded leading dim
            g[4 + d] = s < 0 ? 1 : x[2 + s];
            g[7 + d] = s < 0 ? 1 : y[2 + s];
            g[10 + d] = s < 0 ? 1 : w[2 + s];
            g[13 + d] = s < 0 ? 1 : spec.stride()[s];
            g[16 + d] = s < 0 ? 0 : spec.padding()[s];
            g[19 + d] = s < 0 ? 1 : spec.dilation()[s];
        }
        return g;
    }

    /** tk_pool: {planes, in[3], out[3], k[3], stride[3], pad[3], count_include_pad}. */
    public static int[] pool(int[] x, int[] y, PoolSpec spec) {
        int n = spec.dims();
        int[] g = new int[1 + 5 * 3 + 1];
        g[0] = x[0] * x[1];
        for (int d = 0; d < 3; d++) {
            int s = d - (3 - n);
            g[1 + d] = s < 0 ? 1 : x[2 + s];
            g[4 + d] = s < 0 ? 1 : y[2 + s];
            g[7 + d] = s < 0 ? 1 : spec.kernel()[s];
            g[10 + d] = s < 0 ? 1 : spec.stride()[s];
            g[13 + d] = s < 0 ? 0 : spec.padding()[s];
        }
        g[16] = spec.countIncludePad() ? 1 : 0;
        return g;
    }
}
