package tandem.tensor;

import java.util.Arrays;

/**
 * The shapes of a batched matrix product a: (..., M, K) @ b: (..., K, N) -> (..., M, N), with the batch dims
 * broadcast. {@link #of} checks the operands once for every backend and names both shapes when they do not fit.
 */
public record MatmulSpec(int[] batch, int m, int k, int n) {
    public MatmulSpec {
        batch = batch.clone();
    }

    public static MatmulSpec of(int[] a, int[] b) {
        if (a.length < 2 || b.length < 2 || a[a.length - 1] != b[b.length - 2]) {
            throw new IllegalArgumentException("matmul: shapes " + Shape.str(a) + " and " + Shape.str(b)
                    + " do not fit (need (..., M, K) @ (..., K, N))");
        }
        int[] batch = Shape.broadcast("matmul", Arrays.copyOf(a, a.length - 2), Arrays.copyOf(b, b.length - 2));
        return new MatmulSpec(batch, a[a.length - 2], a[a.length - 1], b[b.length - 1]);
    }

    /** Matrices in the broadcast batch. */
    public int batchCount() { return Math.toIntExact(Shape.numel(batch)); }

    /** a broadcast to the batch: (..., M, K). */
    public int[] aShape() { return withMatrix(m, k); }

    /** b broadcast to the batch: (..., K, N). */
    public int[] bShape() { return withMatrix(k, n); }

    /** The product: (..., M, N). */
    public int[] outShape() { return withMatrix(m, n); }

    private int[] withMatrix(int rows, int cols) {
        int[] s = Arrays.copyOf(batch, batch.length + 2);
        s[batch.length] = rows;
        s[batch.length + 1] = cols;
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MatmulSpec s && Arrays.equals(batch, s.batch) && m == s.m && k == s.k && n == s.n;
    }

    @Override
    public int hashCode() { return Arrays.hashCode(batch) * 31 + m * 17 + k * 7 + n; }

    @Override
    public String toString() { return "MatmulSpec[batch=" + Arrays.toString(batch) + ", m=" + m + ", k=" + k + ", n=" + n + "]"; }
}
