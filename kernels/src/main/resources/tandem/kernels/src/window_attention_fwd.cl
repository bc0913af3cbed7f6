// window_attention_fwd: windowed attention, out = softmax(q k^T * scale) v inside each window, and the log-sum-exp of
// each query's scaled scores (what the backward needs to recompute the probabilities).
// q: (B, Tq, D), k: (B, Tk, D), v: (B, Tk, Dv), all dense -> out: (B, Tq, Dv), lse: (B, Tq).
// Window w holds queries [tk_window_start(w, Tq, W), tk_window_start(w + 1, Tq, W)) and keys likewise over Tk.
// One work-group per (window, batch) = (GROUP_ID(0), GROUP_ID(1)), one work-item per query of the window (looping
// when the window holds more queries than the group has items). Keys go by in chunks of WA_CHUNK: the chunk's scores
// sit in registers, the running maximum and sum are rescaled as a larger score arrives (flash attention's online
// softmax), and the weighted sum of values is carried in the query's row of out, which is divided by the sum at the end.
// The window_attention kernels go by keys (or queries) in chunks of WA_CHUNK, their scores kept in registers.
#define WA_CHUNK 32

// a . b over n elements, accumulated in acc; a row of q against a row of k, or a row of dout against one of v.
FN acc wa_dot(GLOBAL const real* a, GLOBAL const real* b, int n) {
    acc s = 0;
    for (int e = 0; e < n; e++) s += (acc) a[e] * (acc) b[e];
    return s;
}

KERNEL void window_attention_fwd(int tq, int tk, int d, int dv, int windows, acc scale,
                                 GLOBAL const real* q, GLOBAL const real* k, GLOBAL const real* v,
                                 GLOBAL real* out, GLOBAL real* lse) {
    int w = (int) GROUP_ID(0), b = (int) GROUP_ID(1);
    int q0 = tk_window_start(w, tq, windows), q1 = tk_window_start(w + 1, tq, windows);
    int k0 = tk_window_start(w, tk, windows), k1 = tk_window_start(w + 1, tk, windows);
    GLOBAL const real* kb = k + (i64) b * tk * d;
    GLOBAL const real* vb = v + (i64) b * tk * dv;
    for (int i = q0 + LOCAL_ID(0); i < q1; i += LOCAL_SIZE(0)) {
        GLOBAL const real* qi = q + ((i64) b * tq + i) * d;
        GLOBAL real* oi = out + ((i64) b * tq + i) * dv;
        acc p[WA_CHUNK];
        acc m = -TK_INF, l = 0;
        for (int c = k0; c < k1; c += WA_CHUNK) {
            int n = k1 - c < WA_CHUNK ? k1 - c : WA_CHUNK;
            acc mc = m;
            for (int j = 0; j < n; j++) {
                p[j] = wa_dot(qi, kb + (i64) (c + j) * d, d) * scale;
                if (p[j] > mc) mc = p[j];
            }
            acc alpha = exp(m - mc);                      // rescales what the earlier chunks summed; 0 on the first
            l *= alpha;
            for (int j = 0; j < n; j++) {
                p[j] = exp(p[j] - mc);
                l += p[j];
            }
            for (int e = 0; e < dv; e++) {
                acc o = c == k0 ? (acc) 0 : (acc) oi[e] * alpha;
                for (int j = 0; j < n; j++) o += p[j] * (acc) vb[(i64) (c + j) * dv + e];
                oi[e] = (real) o;
            }
            m = mc;
        }
        for (int e = 0; e < dv; e++) oi[e] = (real) ((acc) oi[e] / l);
        lse[(i64) b * tq + i] = (real) (m + log(l));
    }
}
