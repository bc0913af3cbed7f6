// conv_bwd_weight_v2: conv_bwd_weight as a tiled implicit GEMM, tiled as conv_fwd_v2 (whose CT_* sizes, ct_tile and
// CT_ACCUMULATE it uses). v2 changes against v1 (one work-item per weight, every product fetched from global memory):
// a 16 x 16 group computes 16 output channels (of one group) x 64 taps of dw; per step it stages dy for those channels
// at 16 output positions and the matching gathered inputs (16 positions x 64 taps) in local memory, and each item
// keeps 4 accumulators. The reduction runs over every position of the batch inside one group: no atomics.
//   rows: output channels oc of group grp;  columns: taps t = (c, k0, k1, k2);  reduction: positions (b, o0, o1, o2)
// x: (B, C, D, H, W), dy: (B, O, OD, OH, OW) -> dw: (O, C/groups, KD, KH, KW); all contiguous.
// Launch: local (16, 16); global (ceil((C / groups) * KD * KH * KW / CT_COLS) * 16, groups * ceil((O / groups) / 16) * 16).
KERNEL void conv_bwd_weight_v2(tk_conv g, GLOBAL const real* x, GLOBAL const real* dy, GLOBAL real* dw) {
    LOCAL real y_tile[CT_ROWS][CT_STEP];
    LOCAL real x_tile[CT_STEP][CT_COLS];
    int tx = LOCAL_ID(0), ty = LOCAL_ID(1);
    ct_tile tl = ct_tile_of(g, g.out_c / g.groups);
    int taps = tl.cpg * tl.kvol, oc = tl.grp * tl.opg + tl.row0 + ty;
    int row_ok = tl.row0 + ty < tl.row_end;
    i64 positions = (i64) g.batch * tl.out_plane;

    // the CT_PER taps this item gathers and computes: tile column tx + 16 r, as (channel, offset per axis); c = -1 past the end
    int tc[CT_PER], tk0[CT_PER], tk1[CT_PER], tk2[CT_PER];
    real sum[CT_PER];
    for (int r = 0; r < CT_PER; r++) {
        int t = (int) GROUP_ID(0) * CT_COLS + tx + 16 * r, kk = t % tl.kvol;
        tc[r] = t < taps ? t / tl.kvol : -1;
        tk2[r] = kk % g.k[2] * g.dil[2];
        tk1[r] = kk / g.k[2] % g.k[1] * g.dil[1];
        tk0[r] = kk / g.k[2] / g.k[1] * g.dil[0];
        sum[r] = 0;
    }
    for (i64 p0 = 0; p0 < positions; p0 += CT_STEP) {
        i64 p = p0 + tx;                                                   // y_tile[oc][p] = dy[b, oc, o]
        y_tile[ty][tx] = row_ok && p < positions
                ? dy[((p / tl.out_plane) * g.out_c + oc) * tl.out_plane + p % tl.out_plane] : (real) 0;
        p = p0 + ty;
        int b = (int) (p / tl.out_plane);
        i64 rem = p % tl.out_plane;
        int lo2 = (int) (rem % g.out[2]) * g.stride[2] - g.pad[2];
        int lo1 = (int) (rem / g.out[2] % g.out[1]) * g.stride[1] - g.pad[1];
        int lo0 = (int) (rem / g.out[2] / g.out[1]) * g.stride[0] - g.pad[0];
        for (int r = 0; r < CT_PER; r++) {
            int i0 = lo0 + tk0[r], i1 = lo1 + tk1[r], i2 = lo2 + tk2[r];
            int inside = p < positions && tc[r] >= 0 && i0 >= 0 && i0 < g.in[0] && i1 >= 0 && i1 < g.in[1]
                    && i2 >= 0 && i2 < g.in[2];
            x_tile[ty][tx + 16 * r] = inside
                    ? x[((i64) b * g.in_c + tl.grp * tl.cpg + tc[r]) * tl.in_plane + ((i64) i0 * g.in[1] + i1) * g.in[2] + i2]
                    : (real) 0;
        }
        CT_ACCUMULATE(y_tile, x_tile, sum)
    }
    for (int r = 0; r < CT_PER; r++) {
        if (row_ok && tc[r] >= 0) dw[(i64) oc * taps + (i64) GROUP_ID(0) * CT_COLS + tx + 16 * r] = sum[r];
    }
}
