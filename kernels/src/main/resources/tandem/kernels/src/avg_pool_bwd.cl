// avg_pool_bwd: dx[j] = sum over windows covering j of dy / count(window); one work-item per input element.
// dy: (planes, OD, OH, OW) -> dx: (planes, D, H, W); both contiguous.
KERNEL void avg_pool_bwd(tk_pool g, GLOBAL const real* dy, GLOBAL real* dx, i64 n) {
    i64 i = GLOBAL_ID(0);
    if (i >= n) return;
    int i2 = (int) (i % g.in[2]); i64 r = i / g.in[2];
    int i1 = (int) (r % g.in[1]); r /= g.in[1];
    int i0 = (int) (r % g.in[0]);
    i64 plane = r / g.in[0];
    GLOBAL const real* dyp = dy + plane * g.out[0] * g.out[1] * g.out[2];
    int lo0, hi0, lo1, hi1, lo2, hi2;
    tk_windows_covering(i0, g.pad[0], g.k[0], g.stride[0], 1, g.out[0], &lo0, &hi0);
    tk_windows_covering(i1, g.pad[1], g.k[1], g.stride[1], 1, g.out[1], &lo1, &hi1);
    tk_windows_covering(i2, g.pad[2], g.k[2], g.stride[2], 1, g.out[2], &lo2, &hi2);
    acc sum = 0;
    for (int o0 = lo0; o0 < hi0; o0++)
        for (int o1 = lo1; o1 < hi1; o1++)
            for (int o2 = lo2; o2 < hi2; o2++)
                sum += (acc) dyp[(o0 * g.out[1] + o1) * g.out[2] + o2] / (acc) tk_pool_count(g, o0, o1, o2);
    dx[i] = (real) sum;
}
