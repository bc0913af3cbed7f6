// max_pool_fwd: one work-item per output; the first maximum of each window wins, padding never does.
// x: (planes, D, H, W) -> y: (planes, OD, OH, OW); both contiguous.
KERNEL void max_pool_fwd(tk_pool g, GLOBAL const real* x, GLOBAL real* y, i64 n) {
    i64 i = GLOBAL_ID(0);
    if (i >= n) return;
    int o2 = (int) (i % g.out[2]); i64 r = i / g.out[2];
    int o1 = (int) (r % g.out[1]); r /= g.out[1];
    int o0 = (int) (r % g.out[0]);
    i64 plane = r / g.out[0];
    GLOBAL const real* xp = x + plane * g.in[0] * g.in[1] * g.in[2];
    int best = tk_pool_argmax(xp, g, o0, o1, o2);
    y[i] = best < 0 ? (real) -TK_INF : xp[best];
}
