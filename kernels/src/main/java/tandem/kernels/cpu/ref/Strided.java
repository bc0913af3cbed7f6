package tandem.kernels.cpu.ref;

/**
 * Walks the element offsets of a strided view in row-major order of its shape.
 * {@code offsets(shape, strides, base)} is the one place the reference kernels turn views into flat indices.
 */
public final class Strided {
    private Strided() {}

    /** Storage offsets of every element of the view, row-major. */
    public static int[] offsets(int[] shape, int[] strides, long base) {
        long n = 1;
        for (int d : shape) n *= d;
        int[] out = new int[(int) n];
        if (n == 0) return out;
        int rank = shape.length;
        int[] idx = new int[rank];
        long off = base;
        for (int i = 0; i < n; i++) {
            out[i] = (int) off;
            for (int a = rank - 1; a >= 0; a--) {
                if (++idx[a] < shape[a]) {
                    off += strides[a];
                    break;
                }
                off -= (long) strides[a] * (shape[a] - 1);
                idx[a] = 0;
            }
        }
        return out;
    }

    /** Strides that read {@code shape} broadcast to {@code target} (0 on broadcast and prepended axes). */
    public static int[] broadcastStrides(int[] shape, int[] strides, int[] target) {
        int lead = target.length - shape.length;
        int[] s = new int[target.length];
        for (int i = lead; i < target.length; i++) s[i] = shape[i - lead] == 1 ? 0 : strides[i - lead];
        return s;
    }
}
