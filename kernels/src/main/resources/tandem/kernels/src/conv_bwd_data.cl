// conv_bwd_data: dx = gradient of conv_fwd with respect to x, one work-item per input element (a gather, so no
// atomics). dy: (B, O, OD, OH, OW), w: (O, C/groups, KD, KH, KW) -> dx: (B, C, D, H, W); all contiguous.
KERNEL void conv_bwd_data(tk_conv g, GLOBAL const real* dy, GLOBAL const real* w, GLOBAL real* dx, i64 n) {
    i64 i = GLOBAL_ID(0);
    if (i >= n) return;
    int i2 = (int) (i % g.in[2]); i64 r = i / g.in[2];
    int i1 = (int) (r % g.in[1]); r /= g.in[1];
    int i0 = (int) (r % g.in[0]); r /= g.in[0];
    int ic = (int) (r % g.in_c);
    int b = (int) (r / g.in_c);
    int cpg = g.in_c / g.groups, opg = g.out_c / g.groups;
    int grp = ic / cpg, c = ic % cpg;
    real sum = 0;
    for (int oc = grp * opg; oc < (grp + 1) * opg; oc++) {
        GLOBAL const real* dyc = dy + ((i64) b * g.out_c + oc) * g.out[0] * g.out[1] * g.out[2];
        GLOBAL const real* wc = w + ((i64) oc * cpg + c) * g.k[0] * g.k[1] * g.k[2];
        for (int k0 = 0; k0 < g.k[0]; k0++) {
            int t0 = i0 + g.pad[0] - k0 * g.dil[0];
            if (t0 < 0 || t0 % g.stride[0] != 0 || t0 / g.stride[0] >= g.out[0]) continue;
            for (int k1 = 0; k1 < g.k[1]; k1++) {
                int t1 = i1 + g.pad[1] - k1 * g.dil[1];
                if (t1 < 0 || t1 % g.stride[1] != 0 || t1 / g.stride[1] >= g.out[1]) continue;
                for (int k2 = 0; k2 < g.k[2]; k2++) {
                    int t2 = i2 + g.pad[2] - k2 * g.dil[2];
                    if (t2 < 0 || t2 % g.stride[2] != 0 || t2 / g.stride[2] >= g.out[2]) continue;
                    i64 o = ((i64) (t0 / g.stride[0]) * g.out[1] + t1 / g.stride[1]) * g.out[2] + t2 / g.stride[2];
                    sum += dyc[o] * wc[(k0 * g.k[1] + k1) * g.k[2] + k2];
                }
            }
        }
    }
    dx[i] = sum;
}
