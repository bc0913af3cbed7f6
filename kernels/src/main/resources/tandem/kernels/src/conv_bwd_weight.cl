// conv_bwd_weight: dw = gradient of conv_fwd with respect to w, one work-item per weight element summing over the
// batch and every output position. x: (B, C, D, H, W), dy: (B, O, OD, OH, OW) -> dw: (O, C/groups, KD, KH, KW).
KERNEL void conv_bwd_weight(tk_conv g, GLOBAL const real* x, GLOBAL const real* dy, GLOBAL real* dw, i64 n) {
    i64 i = GLOBAL_ID(0);
    if (i >= n) return;
    int cpg = g.in_c / g.groups, opg = g.out_c / g.groups;
    int k2 = (int) (i % g.k[2]); i64 r = i / g.k[2];
    int k1 = (int) (r % g.k[1]); r /= g.k[1];
    int k0 = (int) (r % g.k[0]); r /= g.k[0];
    int c = (int) (r % cpg);
    int oc = (int) (r / cpg);
    int ic = (oc / opg) * cpg + c;
    i64 in_plane = (i64) g.in[0] * g.in[1] * g.in[2];
    i64 out_plane = (i64) g.out[0] * g.out[1] * g.out[2];
    real sum = 0;
    for (int b = 0; b < g.batch; b++) {
        GLOBAL const real* xc = x + ((i64) b * g.in_c + ic) * in_plane;
        GLOBAL const real* dyc = dy + ((i64) b * g.out_c + oc) * out_plane;
        for (int o0 = 0; o0 < g.out[0]; o0++) {
            int i0 = o0 * g.stride[0] - g.pad[0] + k0 * g.dil[0];
            if (i0 < 0 || i0 >= g.in[0]) continue;
            for (int o1 = 0; o1 < g.out[1]; o1++) {
                int i1 = o1 * g.stride[1] - g.pad[1] + k1 * g.dil[1];
                if (i1 < 0 || i1 >= g.in[1]) continue;
                for (int o2 = 0; o2 < g.out[2]; o2++) {
                    int i2 = o2 * g.stride[2] - g.pad[2] + k2 * g.dil[2];
                    if (i2 < 0 || i2 >= g.in[2]) continue;
                    sum += xc[((i64) i0 * g.in[1] + i1) * g.in[2] + i2] * dyc[((i64) o0 * g.out[1] + o1) * g.out[2] + o2];
                }
            }
        }
    }
    dw[i] = sum;
}
