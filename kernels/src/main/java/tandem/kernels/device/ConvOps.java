package tandem.kernels.device;

import java.util.Arrays;
import tandem.tensor.ConvSpec;
import tandem.tensor.Tensor;

/**
 * N-d convolution forward, backward-data and backward-weight, in two numbered versions with the same results:
 * v1 (conv_fwd.cl, conv_bwd_data.cl, conv_bwd_weight.cl), one work-item per output element, the readable reference;
 * v2 (conv_*_v2.cl), tiles of 16 rows x 64 columns of the implicit GEMM per work-group with each item's 16 sums in
 * registers and the step's weights (or dy) in local memory: the default ({@link DeviceBackend#useConvVersion}).
 * Backward-data of a strided convolution stays on v1 under both: most of its (position, tap) pairs miss, and v1's
 * loops skip them axis by axis where a tile computes them (measured: benchmarks/README.md). Inputs are made dense first.
 */
final class ConvOps {
    /** Tile sizes of the v2 kernels (CT_ROWS, CT_COLS in conv_fwd_v2.cl); a group is CT_COLS items. */
    static final int TILE_ROWS = 16, TILE_COLS = 64;

    private ConvOps() {}

    static Tensor forward(DeviceBackend b, Tensor x, Tensor w, ConvSpec spec) {
        String op = "conv" + spec.dims() + "d";
        b.requireHere(op, x, w);
        x.requireSameDeviceAndType(op, w);
        int[] ys = spec.outputShape(op, x.shape(), w.shape());
        int[] g = Layouts.conv(x.shape(), w.shape(), ys, spec);
        // rows: output channels per group; columns: output positions
        return run(b, "conv_fwd", x, w, g, ys, w.shape()[0] / spec.groups(), productWithout(ys, 1), false);
    }

    static Tensor backwardData(DeviceBackend b, Tensor dy, Tensor w, ConvSpec spec, int[] xShape) {
        String op = "conv" + spec.dims() + "d_bwd_data";
        b.requireHere(op, dy, w);
        dy.requireSameDeviceAndType(op, w);
        int[] ys = spec.requireGradient(op, dy.shape(), xShape, w.shape());
        int[] g = Layouts.conv(xShape, w.shape(), ys, spec);
        // rows: input channels per group; columns: input positions
        boolean strided = Arrays.stream(spec.stride()).anyMatch(st -> st != 1);
        return run(b, "conv_bwd_data", dy, w, g, xShape.clone(), xShape[1] / spec.groups(), productWithout(xShape, 1), strided);
    }

    static Tensor backwardWeight(DeviceBackend b, Tensor x, Tensor dy, ConvSpec spec, int[] wShape) {
        String op = "conv" + spec.dims() + "d_bwd_weight";
        b.requireHere(op, x, dy);
        x.requireSameDeviceAndType(op, dy);
        int[] ys = spec.requireGradient(op, dy.shape(), x.shape(), wShape);
        int[] g = Layouts.conv(x.shape(), wShape, ys, spec);
        // rows: output channels per group; columns: taps (input channels per group x kernel volume)
        return run(b, "conv_bwd_weight", x, dy, g, wShape.clone(), wShape[0] / spec.groups(), productWithout(wShape, 0), false);
    }

    /**
     * Launches {@code kernel} (v1, or when {@code keepV1}) or {@code kernel_v2}. v2 covers {@code rows} x
     * {@code columns} of the implicit GEMM per convolution group with tiles of TILE_ROWS x TILE_COLS, a work-group each.
     */
    private static Tensor run(DeviceBackend b, String kernel, Tensor in1, Tensor in2, int[] geometry, int[] outShape,
                              int rows, long columns, boolean keepV1) {
        // an empty operand leaves every sum empty (and would give the kernels zero-sized radices)
        if (in1.numel() == 0 || in2.numel() == 0) return b.zeros(in1.dtype(), outShape);
        try (Scratch s = b.scratch()) {
            Tensor p = s.dense(in1), q = s.dense(in2);
            Tensor out = b.empty(in1.dtype(), outShape);
            KernelArgs args = new KernelArgs().ints(geometry).buffer(p).buffer(q).buffer(out);
            if (b.convVersion() == 1 || keepV1) {
                b.launch(kernel, in1.dtype(), args.i64(out.numel()), Grid.linear(out.numel()));
            } else {
                int groups = geometry[3];
                long colTiles = (columns + TILE_COLS - 1) / TILE_COLS, rowTiles = (rows + TILE_ROWS - 1) / TILE_ROWS;
                Grid grid = new Grid(new long[] {colTiles * TILE_COLS, groups * rowTiles}, new int[] {TILE_COLS, 1});
                b.launch(kernel + "_v2", in1.dtype(), args, grid);
            }
            return out;
        }
    }

    private static long productWithout(int[] shape, int axis) {
        long n = 1;
        for (int i = 0; i < shape.length; i++) if (i != axis) n *= shape[i];
        return n;
    }
}
