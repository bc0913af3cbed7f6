package tandem.kernels.cpu.fast;

import java.util.Arrays;
import tandem.tensor.ConvSpec;
import tandem.tensor.Shape;
import tandem.tensor.Tandem;
import tandem.tensor.memory.BufferPool;

/**
 * F32 convolution (1-, 2-, 3-d; stride, padding, dilation, groups) as implicit-im2col GEMMs on {@link Sgemm}.
 * Same argument order as the reference ConvRef, on contiguous float arrays.
 *
 * <ul>
 *   <li>forward, per image and group: Y_g = W_g @ col_g, with col_g packed straight from x; layers with few
 *       input channels and many output channels (the stem) go to {@link DirectConv} instead, and stride-1
 *       layers to {@link PaddedRowConv} (col rows contiguous in a padded copy of x).</li>
 *   <li>backward-data for the layers {@link DirectConv} serves: {@link DirectConvData}. Otherwise, stride 1: the transposed convolution, i.e. the forward pass of dy with the weights
 *       flipped in space and swapped in channels, padding d * (k - 1) - p; nothing is scattered. Otherwise
 *       dcol = W_g^T @ dy_g in column chunks, scattered into dx (col2im).</li>
 *   <li>backward-weight: dW_g += dy_g @ col_g^T over the batch, col_g^T packed straight from x; for the layers
 *       {@link DirectConv} serves, {@link DirectConvWeight}.</li>
 * </ul>
 * Threads go to independent (image, group) pairs when there are enough of them, else inside each GEMM.
 * Results are zeroed arrays drawn from the {@link BufferPool}, so a caller that adopts them can give them back.
 */
public final class FastConv {
    /** Target size (floats) of one dcol chunk in backward-data: big enough to amortise packing W^T, small enough for L2/L3. */
    private static final int DCOL_CHUNK = 1 << 19;

    private FastConv() {}

    // x: (B, C, *S), w: (O, C/g, *K) -> y: (B, O, *S')
    public static float[] forward(float[] x, int[] xShape, float[] w, int[] wShape, ConvSpec spec) {
        return forward(KernelShapes.active(), x, xShape, w, wShape, spec);
    }

    /** {@link #forward(float[], int[], float[], int[], ConvSpec)} with the kernels shaped as {@code shapes} says. */
    public static float[] forward(KernelShapes shapes, float[] x, int[] xShape, float[] w, int[] wShape, ConvSpec spec) {
        String op = "conv" + spec.dims() + "d";
        ConvGeometry g = new ConvGeometry(op, xShape, wShape, spec);
        checkLength(op, "input", x, xShape);
        checkLength(op, "weight", w, wShape);
        int direct = DirectConv.tileVectors(g, shapes.directVectors());
        if (direct > 0) {
            // every element is written, so the buffer need not be zeroed first
            float[] y = BufferPool.global().takeF32(g.batch * g.outChannels * g.positions, false);
            DirectConv.forward(g, x, w, y, direct);
            return y;
        }
        if (PaddedRowConv.applies(g)) {
            float[] y = BufferPool.global().takeF32(g.batch * g.outChannels * g.positions, false);
            PaddedRowConv.forward(shapes.gemm(), g, x, w, y);
            return y;
        }
        float[] y = BufferPool.global().takeF32(g.batch * g.outChannels * g.positions, true);
        forEachItem(g.batch * g.groups, (item, threads) -> {
            int b = item / g.groups, grp = item % g.groups;
            Sgemm.gemm(shapes.gemm(), g.og, g.positions, g.taps, new StridedMatrix(w, g.weightBase(grp), g.taps, 1),
                    new Im2col.Panel(g, x, g.inputBase(b, grp)), 1f, 0f, y, g.outputBase(b, grp), g.positions, threads);
        });
        return y;
    }

    // dy: (B, O, *S'), w: (O, C/g, *K) -> dx: xShape
    public static float[] backwardData(float[] dy, int[] dyShape, float[] w, int[] wShape, ConvSpec spec, int[] xShape) {
        return backwardData(KernelShapes.active(), dy, dyShape, w, wShape, spec, xShape);
    }

    public static float[] backwardData(KernelShapes shapes, float[] dy, int[] dyShape, float[] w, int[] wShape, ConvSpec spec,
                                       int[] xShape) {
        String op = "conv" + spec.dims() + "d_bwd_data";
        ConvGeometry g = new ConvGeometry(op, xShape, wShape, spec);
        checkGradShape(op, dyShape, g);
        checkLength(op, "gradient", dy, dyShape);
        checkLength(op, "weight", w, wShape);
        if (DirectConv.tileVectors(g, shapes.directVectors()) > 0) {
            // every element is written, so the buffer need not be zeroed first
            float[] dx = BufferPool.global().takeF32((int) Shape.numel(xShape), false);
            DirectConvData.backwardData(g, dy, w, dx);
            return dx;
        }
        if (transposedConvApplies(spec, wShape)) {
            return forward(shapes, dy, dyShape, flipWeights(w, wShape, g), flippedShape(wShape, g), transposedSpec(spec, wShape));
        }
        float[] dx = BufferPool.global().takeF32((int) Shape.numel(xShape), true);
        int chunk = Math.max(Sgemm.NR, DCOL_CHUNK / g.taps / Sgemm.NR * Sgemm.NR);
        int pc = Math.min(chunk, g.positions);
        forEachItem(g.batch * g.groups, (item, threads) -> {
            int b = item / g.groups, grp = item % g.groups;
            float[] dcol = new float[g.taps * pc];
            for (int p0 = 0; p0 < g.positions; p0 += pc) {
                int len = Math.min(pc, g.positions - p0);
                // dcol (CK x len) = W_g^T (CK x Og) @ dy_g[:, p0:p0+len] (Og x len)
                Sgemm.gemm(shapes.gemm(), g.taps, len, g.og, new StridedMatrix(w, g.weightBase(grp), 1, g.taps),
                        new StridedMatrix(dy, g.outputBase(b, grp) + p0, g.positions, 1), 1f, 0f, dcol, 0, len, threads);
                for (int r = 0; r < g.taps; r++) Im2col.scatterAdd(g, dx, g.inputBase(b, grp), r, p0, len, dcol, r * len, 1);
            }
        });
        return dx;
    }

    // x: (B, C, *S), dy: (B, O, *S') -> dw: wShape
    public static float[] backwardWeight(float[] x, int[] xShape, float[] dy, int[] dyShape, ConvSpec spec, int[] wShape) {
        return backwardWeight(KernelShapes.active(), x, xShape, dy, dyShape, spec, wShape);
    }

    public static float[] backwardWeight(KernelShapes shapes, float[] x, int[] xShape, float[] dy, int[] dyShape, ConvSpec spec,
                                         int[] wShape) {
        String op = "conv" + spec.dims() + "d_bwd_weight";
        ConvGeometry g = new ConvGeometry(op, xShape, wShape, spec);
        checkGradShape(op, dyShape, g);
        checkLength(op, "input", x, xShape);
        checkLength(op, "gradient", dy, dyShape);
        int direct = DirectConv.tileVectors(g, shapes.directVectors());
        if (direct > 0) {
            float[] dw = BufferPool.global().takeF32((int) Shape.numel(wShape), false);
            DirectConvWeight.backwardWeight(g, x, dy, dw, direct);
            return dw;
        }
        if (PaddedRowConv.applies(g)) {
            float[] dw = BufferPool.global().takeF32((int) Shape.numel(wShape), false);
            PaddedRowWeight.backwardWeight(shapes.gemm(), g, x, dy, dw);
            return dw;
        }
        float[] dw = BufferPool.global().takeF32((int) Shape.numel(wShape), true);
        // Groups own disjoint slices of dw, so they can run in parallel; images of one group accumulate in order.
        forEachItem(g.groups, (grp, threads) -> {
            for (int b = 0; b < g.batch; b++) {
                Sgemm.gemm(shapes.gemm(), g.og, g.taps, g.positions, new StridedMatrix(dy, g.outputBase(b, grp), g.positions, 1),
                        new Im2col.TransposedPanel(g, x, g.inputBase(b, grp)), 1f, b == 0 ? 0f : 1f,
                        dw, g.weightBase(grp), g.taps, threads);
            }
        });
        return dw;
    }

    /** One unit of independent work, told how many threads it may use inside. */
    interface Item {
        void run(int item, int threads);
    }

    // Enough items: one thread per share of items, serial GEMMs. Too few: items in turn, threaded GEMMs.
    static void forEachItem(int items, Item body) {
        int threads = Tandem.numThreads();
        if (threads > 1 && items >= threads) {
            Parallel.run(threads, t -> {
                for (int i = Parallel.split(items, threads, t); i < Parallel.split(items, threads, t + 1); i++) body.run(i, 1);
            });
        } else {
            for (int i = 0; i < items; i++) body.run(i, threads);
        }
    }

    static boolean transposedConvApplies(ConvSpec spec, int[] wShape) {
        for (int i = 0; i < spec.dims(); i++) {
            if (spec.stride()[i] != 1 || spec.padding()[i] > spec.dilation()[i] * (wShape[i + 2] - 1)) return false;
        }
        return true;
    }

    private static ConvSpec transposedSpec(ConvSpec spec, int[] wShape) {
        int n = spec.dims();
        int[] pad = new int[n];
        for (int i = 0; i < n; i++) pad[i] = spec.dilation()[i] * (wShape[i + 2] - 1) - spec.padding()[i];
        return new ConvSpec(ones(n), pad, spec.dilation(), spec.groups());
    }

    private static int[] ones(int n) {
        int[] r = new int[n];
        Arrays.fill(r, 1);
        return r;
    }

    private static int[] flippedShape(int[] wShape, ConvGeometry g) {
        int[] s = wShape.clone();
        s[0] = g.channels;
        s[1] = g.og;
        return s;
    }

    // w: (O, Cg, *K) -> w': (C, Og, *K) with w'[g*Cg + c, o, k] = w[g*Og + o, c, K-1-k]
    private static float[] flipWeights(float[] w, int[] wShape, ConvGeometry g) {
        int k = g.kd * g.kh * g.kw;
        float[] out = new float[w.length];
        for (int grp = 0; grp < g.groups; grp++) {
            for (int o = 0; o < g.og; o++) {
                for (int c = 0; c < g.cg; c++) {
                    int src = ((grp * g.og + o) * g.cg + c) * k, dst = ((grp * g.cg + c) * g.og + o) * k;
                    for (int t = 0; t < k; t++) out[dst + t] = w[src + k - 1 - t];
                }
            }
        }
        return out;
    }

    private static void checkGradShape(String op, int[] dyShape, ConvGeometry g) {
        long expected = (long) g.batch * g.outChannels * g.positions;
        if (dyShape.length < 2 || dyShape[0] != g.batch || dyShape[1] != g.outChannels || Shape.numel(dyShape) != expected) {
            throw new IllegalArgumentException(op + ": gradient has shape " + Shape.str(dyShape) + ", expected batch "
                    + g.batch + ", " + g.outChannels + " channels and " + g.positions + " positions per channel");
        }
    }

    private static void checkLength(String op, String what, float[] a, int[] shape) {
        if (a.length != Shape.numel(shape)) {
            throw new IllegalArgumentException(op + ": " + what + " array has " + a.length + " elements but shape "
                    + Shape.str(shape) + " needs " + Shape.numel(shape));
        }
    }
}
