// conv_fwd: direct N-d convolution (1-d and 2-d run as 3-d with leading sizes 1), one work-item per output.
// x: (B, C, D, H, W), w: (O, C/groups, KD, KH, KW) -> y: (B, O, OD, OH, OW); all contiguous.
KERNEL void conv_fwd(tk_conv g, GLOBAL const real* x, GLOBAL const real* w, GLOBAL real* y, i64 n) {
    i64 i = GLOBAL_ID(0);
    if (i >= n) return;
    int o2 = (int) (i % g.out[2]); i64 r = i / g.out[2];
    int o1 = (int) (r % g.out[1]); r /= g.out[1];
    int o0 = (int) (r % g.out[0]); r /= g.out[0];
    int oc = (int) (r % g.out_c);
    int b = (int) (r / g.out_c);
    int cpg = g.in_c / g.groups, opg = g.out_c / g.groups;
    int c0 = (oc / opg) * cpg;
    real sum = 0;
    for (int c = 0; c < cpg; c++) {
        GLOBAL const real* xc = x + ((i64) b * g.in_c + c0 + c) * g.in[0] * g.in[1] * g.in[2];
        GLOBAL const real* wc = w + ((i64) oc * cpg + c) * g.k[0] * g.k[1] * g.k[2];
        for (int k0 = 0; k0 < g.k[0]; k0++) {
            int i0 = o0 * g.stride[0] - g.pad[0] + k0 * g.dil[0];
            if (i0 < 0 || i0 >= g.in[0]) continue;
            for (int k1 = 0; k1 < g.k[1]; k1++) {
                int i1 = o1 * g.stride[1] - g.pad[1] + k1 * g.dil[1];
                if (i1 < 0 || i1 >= g.in[1]) continue;
                for (int k2 = 0; k2 < g.k[2]; k2++) {
                    int i2 = o2 * g.stride[2] - g.pad[2] + k2 * g.dil[2];
                    if (i2 < 0 || i2 >= g.in[2]) continue;
                    sum += xc[((i64) i0 * g.in[1] + i1) * g.in[2] + i2] * wc[(k0 * g.k[1] + k1) * g.k[2] + k2];
                }
            }
        }
    }
    y[i] = sum;
}
