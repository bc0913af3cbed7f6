package tandem.kernels.cpu.fast;

import java.util.ArrayList;
import java.util.List;

/**
 * The shapes of the CPU kernels on this machine: the GEMM blocking and the direct convolutions' register tile.
 * {@link #derive} computes them from {@link CpuFeatures}; {@code ./tandem tune} measures candidates around them and
 * stores the winners ({@link Tuning}), which {@link #active} then prefers.
 *
 * <ul>
 *   <li><b>GEMM tile</b>: MR x 2 vectors, with 2 MR accumulators + 2 B vectors + 1 broadcast within the register
 *       file: 6 x 2L on 16 registers (15 live), 8 x 2L on 32 (19 live; 12 x 2L, 27 live, is a tuning candidate).</li>
 *   <li><b>KC</b>: one packed B sliver (KC x 2L floats) fills about two thirds of L1d, leaving room for the A sliver
 *       streaming past it (256 on a 48 KiB L1 with 16 lanes).</li>
 *   <li><b>MC</b>: the packed A block (MC x KC) takes about a quarter of L2, so it stays there while the B block
 *       streams through; <b>NC</b>: the packed B block (KC x NC) is about the size of L2.</li>
 *   <li><b>direct convolution</b> ({@link DirectConv}, {@link DirectConvWeight}): 6 positions (or taps) x V vectors of
 *       output channels, 6 V accumulators + V weight vectors + 1 broadcast: V = 4 on 32 registers (29 live), 2 on 16
 *       (15 live).</li>
 * </ul>
 */
public record KernelShapes(GemmShape gemm, int directVectors, String source) {
    private static final KernelShapes ACTIVE = choose();

    public KernelShapes {
        if (directVectors != 2 && directVectors != 4) {
            throw new IllegalArgumentException("direct convolution tile must be 2 or 4 vectors wide, got " + directVectors);
        }
    }

    /** What the kernels of this process use: the tuning file's winners if there are any (and tuning is on), else {@link #derive}. */
    public static KernelShapes active() { return ACTIVE; }

    private static KernelShapes choose() {
        CpuFeatures f = CpuFeatures.host();
        KernelShapes tuned = Tuning.load(f);
        return tuned != null ? tuned : derive(f);
    }

    /** The shapes derived from lanes, registers and caches alone. */
    public static KernelShapes derive(CpuFeatures f) {
        int nr = 2 * f.lanes();
        int mr = f.vectorRegisters() >= 32 ? 8 : 6;
        int kc = clamp(roundDown((int) (f.l1d() * 2 / 3 / (4L * nr)), 32), 64, 1024);
        int mc = Math.max(mr, roundDown((int) (f.l2() / 4 / (4L * kc)), mr));
        int nc = clamp(roundDown((int) (f.l2() / (4L * kc)), nr), 4 * nr, 8192 / nr * nr);
        return new KernelShapes(new GemmShape(mr, kc, mc, nc), f.vectorRegisters() >= 32 ? 4 : 2, "derived");
    }

    /** Why {@link #derive} chose what it did on {@code f}, one line per decision. */
    public static List<String> reasons(CpuFeatures f) {
        KernelShapes d = derive(f);
        GemmShape g = d.gemm;
        int nr = 2 * f.lanes();
        List<String> r = new ArrayList<>();
        r.add("gemm tile " + g.mr() + "x" + nr + ": " + 2 * g.mr() + " accumulators + 2 B vectors + 1 broadcast = "
                + (2 * g.mr() + 3) + " of " + f.vectorRegisters() + " vector registers");
        r.add("gemm kc=" + g.kc() + ": a " + g.kc() + "x" + nr + " B sliver (" + CpuFeatures.size(4L * g.kc() * nr)
                + ") in about 2/3 of L1d (" + CpuFeatures.size(f.l1d()) + ")");
        r.add("gemm mc=" + g.mc() + ": the A block (" + CpuFeatures.size(4L * g.mc() * g.kc()) + ") in about 1/4 of L2 ("
                + CpuFeatures.size(f.l2()) + ")");
        r.add("gemm nc=" + g.nc() + ": the B block (" + CpuFeatures.size(4L * g.kc() * g.nc()) + ") about the size of L2");
        r.add("direct convolution tile 6x" + d.directVectors + " vectors: " + (7 * d.directVectors + 1)
                + " live of " + f.vectorRegisters() + " vector registers");
        return r;
    }

    private static int roundDown(int x, int multiple) { return x / multiple * multiple; }

    private static int clamp(int x, int lo, int hi) { return Math.max(lo, Math.min(hi, x)); }

    @Override
    public String toString() { return "gemm " + gemm + "; direct conv 6x" + directVectors + " vectors (" + source + ")"; }
}
