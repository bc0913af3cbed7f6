package tandem.bench;

/**
 * A GEMM shape timed against the BLAS rival: C (m x n) = A (m x k) B (k x n), row-major. {@code gemm} is the classic
 * square 1024^3; {@code gemm-conv3d-mid} is conv3d-mid's forward as one product per image (128 output channels x
 * 8*28*28 positions x 128*27 taps), the shape the convolutions hand to {@code Sgemm}; {@code gemm-256} is small
 * enough that packing and threading overheads show.
 */
public record GemmCase(String id, int m, int n, int k) {
    public static final GemmCase[] ALL = {
            new GemmCase("gemm", Workloads.GEMM_N, Workloads.GEMM_N, Workloads.GEMM_N),
            new GemmCase("gemm-conv3d-mid", 128, 8 * 28 * 28, 128 * 27),
            new GemmCase("gemm-256", 256, 256, 256),
    };

    /** The case called {@code id}, or null. */
    public static GemmCase byId(String id) {
        for (GemmCase c : ALL) if (c.id.equals(id)) return c;
        return null;
    }

    /** FLOPs of the forward product; fwd+bwd (dA = dC B^T, dB = A^T dC) is three times that. */
    public double flops() { return 2.0 * m * n * k; }
}
