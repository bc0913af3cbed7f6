// gemm: c = a @ b over a batch, tiled through local memory.
// a: (batch, M, K), b: (batch, K, N), any strides (transposed views need no copy); c: contiguous (batch, M, N).
// Batch index p maps to operand offsets through batch_shape and the per-operand batch strides (0 = broadcast).
// Launch: groups of GEMM_TILE x GEMM_TILE items over (N, M); dimension 2 walks batch entries from batch_start.
#define GEMM_TILE 16

KERNEL void gemm(tk_shape batch_shape, tk_strides a_batch, tk_strides b_batch, i64 a_off, i64 b_off,
                 int a_row, int a_col, int b_row, int b_col, int M, int N, int K, i64 batch_start,
                 GLOBAL const real* a, GLOBAL const real* b, GLOBAL real* c) {
    LOCAL real a_tile[GEMM_TILE][GEMM_TILE];
    LOCAL real b_tile[GEMM_TILE][GEMM_TILE];
    int tx = LOCAL_ID(0), ty = LOCAL_ID(1);
    int col = (int) GROUP_ID(0) * GEMM_TILE + tx;
    int row = (int) GROUP_ID(1) * GEMM_TILE + ty;
    i64 p = batch_start + GROUP_ID(2);
    i64 a_base = a_off + tk_offset(p, batch_shape, a_batch);
    i64 b_base = b_off + tk_offset(p, batch_shape, b_batch);
    real sum = 0;
    for (int t = 0; t < K; t += GEMM_TILE) {
        int ak = t + tx, bk = t + ty;
        a_tile[ty][tx] = (row < M && ak < K) ? a[a_base + (i64) row * a_row + (i64) ak * a_col] : (real) 0;
        b_tile[ty][tx] = (bk < K && col < N) ? b[b_base + (i64) bk * b_row + (i64) col * b_col] : (real) 0;
        BARRIER();
        for (int k = 0; k < GEMM_TILE; k++) sum += a_tile[ty][k] * b_tile[k][tx];
        BARRIER();
    }
    if (row < M && col < N) c[(p * M + row) * N + col] = sum;
}
