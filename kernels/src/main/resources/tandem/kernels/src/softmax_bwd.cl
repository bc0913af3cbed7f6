// softmax_bwd: given y = softmax(x) (or log-softmax) and dy along the middle axis of (outer, len, inner), contiguous:
// softmax: dx = y * (dy - sum(dy * y)); log-softmax: dx = dy - exp(y) * sum(dy). One work-item per row.
KERNEL void softmax_bwd(int log_out, i64 outer, int len, i64 inner, GLOBAL const real* y, GLOBAL const real* dy,
                        GLOBAL real* dx) {
    i64 row = GLOBAL_ID(0);
    if (row >= outer * inner) return;
    i64 o = row / inner, col = row - o * inner;
    i64 base = o * len * inner + col;
    acc s = 0;
    for (int j = 0; j < len; j++) {
        i64 k = base + j * inner;
        s += log_out ? (acc) dy[k] : (acc) dy[k] * (acc) y[k];
    }
    for (int j = 0; j < len; j++) {
        i64 k = base + j * inner;
        dx[k] = (real) (log_out ? (acc) dy[k] - exp((acc) y[k]) * s : (acc) y[k] * ((acc) dy[k] - s));
    }
}
