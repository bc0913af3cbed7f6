package tandem.kernels.cpu.fast;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Forward convolution with stride 1 in height and width as one GEMM per output plane over "padded-row" positions:
 * position p = oh * WP + ow of a plane, where WP is the padded input width, so that for every tap the column
 * matrix row is one contiguous run of the zero-padded image (col[t][p] = xp[tapOffset[t] + plane + p]).
 * Packing B becomes plain vector copies instead of the implicit im2col's gather with its row and padding logic,
 * at the price of computing WP - OW throwaway positions per row (2 of 30 for conv3d-mid), which are dropped when
 * the plane is copied into y.
 *
 * <p>The weights, the A operand of every plane's GEMM, are packed once per call ({@link Prepacked}); re-packing them
 * for each of conv3d-mid's 64 planes was 4-5% of its forward time (profiled). The gain is small: 0.94-1.13x
 * across seven runs of one process alternating both versions (1 and 2 threads, AVX-512), most runs 1.01-1.04x.
 *
 * <p>What decides the shape: nothing of its own; the tiles and blocking are the GEMM's ({@link KernelShapes}), and a
 * B sliver row is two vectors, so the lane count sets how many positions one packed row covers.
 */
final class PaddedRowConv {
    private static final VectorSpecies<Float> S = MicroKernel.S;
    private static final int L = MicroKernel.L;

    private PaddedRowConv() {}

    /** Stride 1 in-plane, and at most a quarter of the computed positions thrown away. */
    static boolean applies(ConvGeometry g) {
        return g.sh == 1 && g.sw == 1 && 4L * (g.w + 2 * g.pw) <= 5L * g.ow;
    }

    // x: (B, C, D, H, W), w: (O, Cg, KD, KH, KW) -> y: (B, O, OD, OH, OW); every element of y is written
    static void forward(GemmShape shape, ConvGeometry g, float[] x, float[] w, float[] y) {
        PaddedImage pad = new PaddedImage(g, g.taps, 0, (g.kw - 1) * g.dw + Sgemm.NR);
        int n = g.oh * pad.wp;
        // the weights are the A operand of every plane's GEMM: packed once here, not once per plane and image
        Prepacked[] packed = new Prepacked[g.groups];
        for (int grp = 0; grp < g.groups; grp++) {
            packed[grp] = Prepacked.of(new StridedMatrix(w, g.weightBase(grp), g.taps, 1), g.og, g.taps, shape);
        }
        FastConv.forEachItem(g.batch * g.groups, (item, threads) -> {
            int b = item / g.groups, grp = item % g.groups;
            float[] xp = pad.fill(x, g.inputBase(b, grp));
            float[] plane = new float[g.og * n];
            PanelA weights = packed[grp];
            int yBase = g.outputBase(b, grp);
            for (int od = 0; od < g.od; od++) {
                // plane (Og x OH*WP) = W_g (Og x CK) @ col (CK x OH*WP)
                Sgemm.gemm(shape, g.og, n, g.taps, weights, new Rows(xp, pad.tapOffsets, od * g.sd * pad.hp * pad.wp),
                        1f, 0f, plane, 0, n, threads);
                for (int o = 0; o < g.og; o++) {
                    for (int oh = 0; oh < g.oh; oh++) {
                        System.arraycopy(plane, o * n + oh * pad.wp, y, yBase + o * g.positions + (od * g.oh + oh) * g.ow, g.ow);
                    }
                }
            }
        });
    }

    /** col over padded-row positions: row t is xp from tapOffsets[t] + base, contiguous. */
    record Rows(float[] xp, int[] tapOffsets, int base) implements PanelB {
        // dst: [kc][NR]
        @Override
        public void pack(int p0, int kc, int j0, int cols, float[] dst, int dstOff) {
            int nr = Sgemm.NR;
            for (int k = 0, d = dstOff; k < kc; k++, d += nr) {
                int src = tapOffsets[p0 + k] + base + j0;
                if (cols == nr) {
                    FloatVector.fromArray(S, xp, src).intoArray(dst, d);
                    FloatVector.fromArray(S, xp, src + L).intoArray(dst, d + L);
                } else {
                    System.arraycopy(xp, src, dst, d, cols);
                    Arrays.fill(dst, d + cols, d + nr, 0f);
                }
            }
        }
    }

    /**
     * A (m x k) packed whole, in the slivers {@link Sgemm} asks for under {@code shape}: KC blocks one after another,
     * each as MR-row slivers ([kc][mr]) over the rows rounded up to mPad, those past m zero. {@link #pack} is then a contiguous copy; it refuses requests
     * that do not line up with those blocks (another blocking, a scale other than 1).
     */
    record Prepacked(float[] data, int mPad, int k, int mr, int kcBlock) implements PanelA {
        static Prepacked of(PanelA a, int m, int k, GemmShape shape) {
            int mr = shape.mr(), kcBlock = shape.kc(), mPad = (m + mr - 1) / mr * mr;
            float[] data = new float[mPad * k];
            for (int pc = 0; pc < k; pc += kcBlock) {
                int kc = Math.min(kcBlock, k - pc);
                for (int i = 0; i < mPad; i += mr) a.pack(mr, i, Math.min(mr, m - i), pc, kc, 1f, data, pc * mPad + i * kc);
            }
            return new Prepacked(data, mPad, k, mr, kcBlock);
        }

        // dst: [kc][mr]
        @Override
        public void pack(int mr, int i0, int rows, int p0, int kc, float alpha, float[] dst, int dstOff) {
            if (mr != this.mr || i0 % mr != 0 || p0 % kcBlock != 0 || kc != Math.min(kcBlock, k - p0) || alpha != 1f) {
                throw new IllegalStateException("prepacked A (mr " + this.mr + ", kc " + kcBlock + ") asked for mr " + mr
                        + ", rows from " + i0 + ", columns " + p0 + "+" + kc + ", alpha " + alpha);
            }
            System.arraycopy(data, p0 * mPad + i0 * kc, dst, dstOff, mr * kc);
        }
    }
}
