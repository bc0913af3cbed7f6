package tandem.kernels.cpu.fast;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Rows of the virtual column matrix col (CK x P) of one image and group: col[r][p] is the input value that tap
 * r = (c, kd, kh, kw) sees at output position p = (od, oh, ow), or 0 in the padding. Nothing is materialised: the
 * GEMM packers gather straight from the input, and backward-data scatters straight into dx.
 *
 * <p>Work is done a run at a time: positions [p0, p0 + len) split into runs along one output row, and within a run
 * the in-bounds input columns form one interval: one copy per run, and nothing at all for the padding (the
 * packed panel is zeroed once beforehand).
 */
final class Im2col {
    private static final VectorSpecies<Float> S = MicroKernel.S;
    private static final int L = MicroKernel.L;
    /** Per-thread row buffer of {@link Panel#packBlock}. */
    private static final ThreadLocal<float[]> ROW = ThreadLocal.withInitial(() -> new float[Sgemm.NR]);

    private Im2col() {}

    /**
     * dst[dstOff + i * dstStride] = col[r][p0 + i] for i in [0, len), writing only the in-bounds values: the caller
     * zeroes dst first. One bulk fill per panel replaced a small fill per run of padding, which at small spatial
     * sizes (where most taps fall in the padding) took half of a small model's training step.
     */
    static void gather(ConvGeometry g, float[] x, int base, int r, int p0, int len, float[] dst, int dstOff, int dstStride) {
        walk(g, x, base, r, p0, len, dst, dstOff, dstStride, false);
    }

    /** dx[col position of tap r at p0 + i] += src[srcOff + i * srcStride] for i in [0, len). */
    static void scatterAdd(ConvGeometry g, float[] dx, int base, int r, int p0, int len, float[] src, int srcOff, int srcStride) {
        walk(g, dx, base, r, p0, len, src, srcOff, srcStride, true);
    }

    // image: x (gather) or dx (scatter), offset `base` = first channel of the group; buf: packed side.
    private static void walk(ConvGeometry g, float[] image, int base, int r, int p0, int len, float[] buf, int bufOff,
                             int stride, boolean scatter) {
        int kwI = r % g.kw, t = r / g.kw;
        int khI = t % g.kh;
        t /= g.kh;
        int kdI = t % g.kd, c = t / g.kd;
        int owI = p0 % g.ow;
        t = p0 / g.ow;
        int ohI = t % g.oh, odI = t / g.oh;
        int chan = base + c * g.voxels;
        int n = 0;
        while (n < len) {
            int run = Math.min(len - n, g.ow - owI);
            int id = odI * g.sd - g.pd + kdI * g.dd, ih = ohI * g.sh - g.ph + khI * g.dh;
            int at = bufOff + n * stride;
            if (id >= 0 && id < g.d && ih >= 0 && ih < g.h) {
                int row = chan + (id * g.h + ih) * g.w;
                int iw0 = owI * g.sw - g.pw + kwI * g.dw; // input column of the run's first position
                // positions i in [lo, hi) of the run have 0 <= iw0 + i * sw < w
                int lo = iw0 >= 0 ? 0 : Math.min(run, (-iw0 + g.sw - 1) / g.sw);
                int hi = Math.max(lo, Math.min(run, (g.w - iw0 + g.sw - 1) / g.sw));
                if (scatter) {
                    for (int i = lo; i < hi; i++) image[row + iw0 + i * g.sw] += buf[at + i * stride];
                } else {
                    // hi == lo when the kernel tap misses the row entirely; arraycopy rejects the out-of-range start even for 0 elements
                    if (stride == 1 && g.sw == 1 && hi > lo) {
                        System.arraycopy(image, row + iw0 + lo, buf, at + lo, hi - lo);
                    } else {
                        for (int i = lo; i < hi; i++) buf[at + i * stride] = image[row + iw0 + i * g.sw];
                    }
                }
            }
            n += run;
            owI = 0;
            if (++ohI == g.oh) {
                ohI = 0;
                odI++;
            }
        }
    }

    /** col (CK x P) of one image and group as the GEMM's B operand: the forward pass. */
    record Panel(ConvGeometry g, float[] x, int base) implements PanelB {
        // dst: [kc][NR]
        @Override
        public void pack(int p0, int kc, int j0, int cols, float[] dst, int dstOff) {
            Arrays.fill(dst, dstOff, dstOff + kc * Sgemm.NR, 0f);
            for (int k = 0; k < kc; k++) gather(g, x, base, p0 + k, j0, cols, dst, dstOff + k * Sgemm.NR, 1);
        }

        // dst: [nc / NR][kc][NR]. Gathers each tap's whole row of the block into a contiguous buffer (one copy per
        // output row), then deals it out to the slivers with vector copies. Gathering sliver by sliver cut the
        // copies at every 32 positions and paid for locating the tap each time: a third of conv3d-mid's forward.
        @Override
        public void packBlock(int p0, int kc, int j0, int nc, float[] dst) {
            int nr = Sgemm.NR, full = nc / nr, tail = nc - full * nr;
            float[] row = ROW.get();
            if (row.length < nc) ROW.set(row = new float[nc]);
            for (int k = 0; k < kc; k++) {
                Arrays.fill(row, 0, nc, 0f);
                gather(g, x, base, p0 + k, j0, nc, row, 0, 1);
                int at = k * nr;
                for (int s = 0; s < full; s++, at += kc * nr) {
                    FloatVector.fromArray(S, row, s * nr).intoArray(dst, at);
                    FloatVector.fromArray(S, row, s * nr + L).intoArray(dst, at + L);
                }
                if (tail > 0) {
                    System.arraycopy(row, full * nr, dst, at, tail);
                    Arrays.fill(dst, at + tail, at + nr, 0f);
                }
            }
        }
    }

    /** col^T (P x CK) of one image and group as the GEMM's B operand: the weight gradient. */
    record TransposedPanel(ConvGeometry g, float[] x, int base) implements PanelB {
        // dst: [kc][NR]; column j of the sliver is tap j0 + j over positions [p0, p0 + kc)
        @Override
        public void pack(int p0, int kc, int j0, int cols, float[] dst, int dstOff) {
            Arrays.fill(dst, dstOff, dstOff + kc * Sgemm.NR, 0f);
            for (int j = 0; j < cols; j++) gather(g, x, base, j0 + j, p0, kc, dst, dstOff + j, Sgemm.NR);
        }
    }
}
