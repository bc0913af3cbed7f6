package tandem.kernels.cpu.fast;

/**
 * How {@link Sgemm} blocks a product: the micro-kernel's rows {@code mr} (its columns are always two vectors,
 * {@link Sgemm#NR}), the depth {@code kc} of one packed block, the rows {@code mc} of A kept in L2 while every packed
 * B sliver passes by, and the columns {@code nc} of one packed B block.
 */
public record GemmShape(int mr, int kc, int mc, int nc) {
    /** Micro-kernel heights that exist ({@link MicroKernel#withRows}). */
    public static final int[] TILE_ROWS = {6, 8, 12};

    public GemmShape {
        boolean knownTile = false;
        for (int r : TILE_ROWS) knownTile |= r == mr;
        if (!knownTile || kc < 8 || kc > 4096 || mc < mr || mc % mr != 0 || nc < 1) {
            throw new IllegalArgumentException("GEMM shape mr=" + mr + " kc=" + kc + " mc=" + mc + " nc=" + nc
                    + " is not valid: mr one of 6, 8, 12; 8 <= kc <= 4096; mc a multiple of mr; nc >= 1 (used rounded up to"
                    + " whole tiles)");
        }
    }

    @Override
    public String toString() { return "tile " + mr + "x2L" + ", kc=" + kc + ", mc=" + mc + ", nc=" + nc; }
}
