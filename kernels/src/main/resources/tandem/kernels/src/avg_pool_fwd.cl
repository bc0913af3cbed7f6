// avg_pool_fwd: one work-item per output: the window's in-bounds sum over tk_pool_count (padding counts as zeros
// when count_include_pad). x: (planes, D, H, W) -> y: (planes, OD, OH, OW); both contiguous.
KERNEL void avg_pool_fwd(tk_pool g, GLOBAL const real* x, GLOBAL real* y, i64 n) {
    i64 i = GLOBAL_ID(0);
    if (i >= n) return;
    int o2 = (int) (i % g.out[2]); i64 r = i / g.out[2];
    int o1 = (int) (r % g.out[1]); r /= g.out[1];
    int o0 = (int) (r % g.out[0]);
    i64 plane = r / g.out[0];
    GLOBAL const real* xp = x + plane * g.in[0] * g.in[1] * g.in[2];
    acc sum = 0;
    for (int a = 0; a < g.k[0]; a++) {
        int i0 = o0 * g.stride[0] - g.pad[0] + a;
        if (i0 < 0 || i0 >= g.in[0]) continue;
        for (int b = 0; b < g.k[1]; b++) {
            int i1 = o1 * g.stride[1] - g.pad[1] + b;
            if (i1 < 0 || i1 >= g.in[1]) continue;
            for (int c = 0; c < g.k[2]; c++) {
                int i2 = o2 * g.stride[2] - g.pad[2] + c;
                if (i2 < 0 || i2 >= g.in[2]) continue;
                sum += xp[(i0 * g.in[1] + i1) * g.in[2] + i2];
            }
        }
    }
    y[i] = (real) (sum / (acc) tk_pool_count(g, o0, o1, o2));
}
