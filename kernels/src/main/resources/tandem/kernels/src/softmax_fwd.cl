// softmax_fwd: softmax (or log-softmax) along the middle axis of x: (outer, len, inner) contiguous, max-subtracted.
// One work-item per (outer, inner) row. y: like x.
KERNEL void softmax_fwd(int log_out, i64 outer, int len, i64 inner, GLOBAL const real* x, GLOBAL real* y) {
    i64 row = GLOBAL_ID(0);
    if (row >= outer * inner) return;
    i64 o = row / inner, col = row - o * inner;
    i64 base = o * len * inner + col;
    acc mx = -TK_INF;
    for (int j = 0; j < len; j++) {
        acc v = x[base + j * inner];
        if (v > mx || tk_isnan(v)) mx = v;
    }
    acc sum = 0;
    for (int j = 0; j < len; j++) sum += exp((acc) x[base + j * inner] - mx);
    acc log_sum = log(sum);
    for (int j = 0; j < len; j++) {
        acc z = (acc) x[base + j * inner] - mx;
        y[base + j * inner] = (real) (log_out ? z - log_sum : exp(z) / sum);
    }
}
