// conv_bwd_weight_v2: conv_bwd_weight tiled as conv_fwd_v2 (whose CT_* sizes, ct_tile and CT_STAGE it uses). v2
// changes against v1 (one work-item per weight, every product fetched from global memory): a group of 64 items
// computes 16 output channels (of one group) x 64 taps of dw; each item owns one tap and keeps the 16 channels' sums
// in registers, so every input value it gathers feeds 16 multiply-adds, and dy for those channels at a step of 32
// output positions is staged in local memory. The reduction runs over every position of the batch inside one group,
// so each weight has one writer: no atomics.
//   rows: output channels of group grp;  columns: taps t = (c, k0, k1, k2);  reduction: positions (b, o0, o1, o2)
// x: (B, C, D, H, W), dy: (B, O, OD, OH, OW) -> dw: (O, C/groups, KD, KH, KW); all contiguous.
// Launch: local (64, 1); global (ceil((C / groups) * KD * KH * KW / 64) * 64, groups * ceil((O / groups) / 16)).
KERNEL void conv_bwd_weight_v2(tk_conv g, GLOBAL const real* x, GLOBAL const real* dy, GLOBAL real* dw) {
    LOCAL real y_tile[CT_STEP][CT_ROWS];
    ct_tile tl = ct_tile_of(g, g.out_c / g.groups);
    int taps = tl.cpg * tl.kvol;
    int t = (int) GLOBAL_ID(0);
    int valid = t < taps;
    int c = valid ? t / tl.kvol : 0, kk = valid ? t % tl.kvol : 0;
    int d0 = kk / g.k[2] / g.k[1] * g.dil[0] - g.pad[0], d1 = kk / g.k[2] % g.k[1] * g.dil[1] - g.pad[1];
    int d2 = kk % g.k[2] * g.dil[2] - g.pad[2];
    i64 positions = (i64) g.batch * tl.out_plane;
    GLOBAL const real* dyt = dy + (i64) (tl.grp * tl.opg + tl.row0) * tl.out_plane;   // dy[b, oc, o]
    GLOBAL const real* xc = x + (i64) (tl.grp * tl.cpg + c) * tl.in_plane;
    real sum[CT_ROWS];
    for (int r = 0; r < CT_ROWS; r++) sum[r] = 0;
    for (i64 p0 = 0; p0 < positions; p0 += CT_STEP) {
        #define DY_OF(r, p) dyt[((p) / tl.out_plane * g.out_c + (r)) * tl.out_plane + (p) % tl.out_plane]
        CT_STAGE(y_tile, p0, positions, tl.rows, DY_OF)
        #undef DY_OF
        int n = positions - p0 < CT_STEP ? (int) (positions - p0) : CT_STEP;
        for (int s = 0; s < n; s++) {
            i64 p = p0 + s, rem = p % tl.out_plane;
            int b = (int) (p / tl.out_plane);
            int i0 = (int) (rem / g.out[2] / g.out[1]) * g.stride[0] + d0;
            int i1 = (int) (rem / g.out[2] % g.out[1]) * g.stride[1] + d1;
            int i2 = (int) (rem % g.out[2]) * g.stride[2] + d2;
            int inside = valid && i0 >= 0 && i0 < g.in[0] && i1 >= 0 && i1 < g.in[1] && i2 >= 0 && i2 < g.in[2];
            real v = inside ? xc[(i64) b * g.in_c * tl.in_plane + ((i64) i0 * g.in[1] + i1) * g.in[2] + i2] : (real) 0;
            for (int r = 0; r < CT_ROWS; r++) sum[r] += y_tile[s][r] * v;
        }
        BARRIER();
    }
    if (valid) for (int r = 0; r < tl.rows; r++) dw[(i64) (tl.grp * tl.opg + tl.row0 + r) * taps + t] = sum[r];
}
