// window_attention_weights: the attention probabilities as a dense matrix, for drawing attention maps.
// q: (B, Tq, D), k: (B, Tk, D), dense -> w: (B, Tq, Tk), softmax(q k^T * scale) inside each window, 0 outside.
// One work-group per (window, batch), one work-item per query: a first pass over the window's keys finds the
// running maximum and sum (online softmax), a second writes the query's whole row. wa_dot: window_attention_fwd.cl.
KERNEL void window_attention_weights(int tq, int tk, int d, int windows, acc scale,
                                     GLOBAL const real* q, GLOBAL const real* k, GLOBAL real* wts) {
    int w = (int) GROUP_ID(0), b = (int) GROUP_ID(1);
    int q0 = tk_window_start(w, tq, windows), q1 = tk_window_start(w + 1, tq, windows);
    int k0 = tk_window_start(w, tk, windows), k1 = tk_window_start(w + 1, tk, windows);
    GLOBAL const real* kb = k + (i64) b * tk * d;
    for (int i = q0 + LOCAL_ID(0); i < q1; i += LOCAL_SIZE(0)) {
        GLOBAL const real* qi = q + ((i64) b * tq + i) * d;
        GLOBAL real* wi = wts + ((i64) b * tq + i) * tk;
        acc m = -TK_INF, l = 0;
        for (int j = k0; j < k1; j++) {
            acc s = wa_dot(qi, kb + (i64) j * d, d) * scale;
            if (s > m) {
                l = l * exp(m - s) + 1;
                m = s;
            } else {
                l += exp(s - m);
            }
        }
        for (int j = 0; j < tk; j++) {
            acc pj = 0;
            if (j >= k0 && j < k1) pj = exp(wa_dot(qi, kb + (i64) j * d, d) * scale - m) / l;
            wi[j] = (real) pj;
        }
    }
}
