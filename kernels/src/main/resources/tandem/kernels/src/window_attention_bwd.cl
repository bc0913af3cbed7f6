// window_attention_bwd: dq, dk, dv of windowed attention from the saved log-sum-exp; no probability matrix is stored.
// q, k, v as window_attention_fwd; out, dout: (B, Tq, Dv); lse: (B, Tq) -> dq: (B, Tq, D), dk: (B, Tk, D), dv: (B, Tk, Dv).
// delta: (B, Tq) scratch. With p_ij = exp(s_ij - lse_i) recomputed from the scores and delta_i = dout_i . out_i:
//   dv_j = sum_i p_ij dout_i,   ds_ij = p_ij (dout_i . v_j - delta_i) * scale,
//   dq_i = sum_j ds_ij k_j,     dk_j = sum_i ds_ij q_i
// One work-group per (window, batch). Phase 1, one item per query: delta_i and dq_i. Phase 2, after a barrier that
// publishes delta, one item per key: dk_j and dv_j. Windows do not overlap, so every row has one writer: no atomics.
// WA_CHUNK and wa_dot come from window_attention_fwd.cl.
KERNEL void window_attention_bwd(int tq, int tk, int d, int dv, int windows, acc scale,
                                 GLOBAL const real* q, GLOBAL const real* k, GLOBAL const real* v,
                                 GLOBAL const real* out, GLOBAL const real* lse, GLOBAL const real* dout,
                                 GLOBAL real* dq, GLOBAL real* dk, GLOBAL real* dvv, GLOBAL real* delta) {
    int w = (int) GROUP_ID(0), b = (int) GROUP_ID(1);
    int q0 = tk_window_start(w, tq, windows), q1 = tk_window_start(w + 1, tq, windows);
    int k0 = tk_window_start(w, tk, windows), k1 = tk_window_start(w + 1, tk, windows);
    GLOBAL const real* qb = q + (i64) b * tq * d;
    GLOBAL const real* kb = k + (i64) b * tk * d;
    GLOBAL const real* vb = v + (i64) b * tk * dv;
    GLOBAL const real* gb = dout + (i64) b * tq * dv;
    GLOBAL const real* lb = lse + (i64) b * tq;
    GLOBAL real* db = delta + (i64) b * tq;
    acc p[WA_CHUNK], ds[WA_CHUNK];

    // phase 1: one item per query i
    for (int i = q0 + LOCAL_ID(0); i < q1; i += LOCAL_SIZE(0)) {
        GLOBAL const real* qi = qb + (i64) i * d;
        GLOBAL const real* gi = gb + (i64) i * dv;
        GLOBAL const real* oi = out + ((i64) b * tq + i) * dv;
        GLOBAL real* dqi = dq + ((i64) b * tq + i) * d;
        acc di = wa_dot(gi, oi, dv);
        db[i] = (real) di;
        for (int e = 0; e < d; e++) dqi[e] = 0;
        for (int c = k0; c < k1; c += WA_CHUNK) {
            int n = k1 - c < WA_CHUNK ? k1 - c : WA_CHUNK;
            for (int j = 0; j < n; j++) {
                acc pij = exp(wa_dot(qi, kb + (i64) (c + j) * d, d) * scale - (acc) lb[i]);
                ds[j] = pij * (wa_dot(gi, vb + (i64) (c + j) * dv, dv) - di) * scale;
            }
            for (int e = 0; e < d; e++) {
                acc g = dqi[e];
                for (int j = 0; j < n; j++) g += ds[j] * (acc) kb[(i64) (c + j) * d + e];
                dqi[e] = (real) g;
            }
        }
    }
    BARRIER_GLOBAL();

    // phase 2: one item per key j
    for (int j = k0 + LOCAL_ID(0); j < k1; j += LOCAL_SIZE(0)) {
        GLOBAL const real* kj = kb + (i64) j * d;
        GLOBAL const real* vj = vb + (i64) j * dv;
        GLOBAL real* dkj = dk + ((i64) b * tk + j) * d;
        GLOBAL real* dvj = dvv + ((i64) b * tk + j) * dv;
        for (int e = 0; e < d; e++) dkj[e] = 0;
        for (int e = 0; e < dv; e++) dvj[e] = 0;
        for (int c = q0; c < q1; c += WA_CHUNK) {
            int n = q1 - c < WA_CHUNK ? q1 - c : WA_CHUNK;
            for (int r = 0; r < n; r++) {
                p[r] = exp(wa_dot(qb + (i64) (c + r) * d, kj, d) * scale - (acc) lb[c + r]);
                ds[r] = p[r] * (wa_dot(gb + (i64) (c + r) * dv, vj, dv) - (acc) db[c + r]) * scale;
            }
            for (int e = 0; e < dv; e++) {
                acc g = dvj[e];
                for (int r = 0; r < n; r++) g += p[r] * (acc) gb[(i64) (c + r) * dv + e];
                dvj[e] = (real) g;
            }
            for (int e = 0; e < d; e++) {
                acc g = dkj[e];
                for (int r = 0; r < n; r++) g += ds[r] * (acc) qb[(i64) (c + r) * d + e];
                dkj[e] = (real) g;
            }
        }
    }
}
