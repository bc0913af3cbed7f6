// conv_bwd_data_v2: conv_bwd_data as a tiled implicit GEMM, tiled as conv_fwd_v2 (whose CT_* sizes, ct_tile and
// CT_ACCUMULATE it uses). v2 changes against v1 (one work-item per input element): a 16 x 16 group computes 16 input
// channels (of one group) x 64 input positions; per step it stages 16 (output channel, tap) pairs of the transposed
// weights and the matching gathered dy values in local memory. dy at input position i and tap k is
// dy[(i + pad - k * dil) / stride] when that divides exactly and lands inside the output, else 0: still a gather, no atomics.
//   rows: input channels c of group grp;  columns: positions (b, i0, i1, i2);  reduction: (oc in grp, k0, k1, k2)
// dy: (B, O, OD, OH, OW), w: (O, C/groups, KD, KH, KW) -> dx: (B, C, D, H, W); all contiguous.
// Launch: local (16, 16); global (ceil(B * D * H * W / CT_COLS) * 16, groups * ceil((C / groups) / 16) * 16).
KERNEL void conv_bwd_data_v2(tk_conv g, GLOBAL const real* dy, GLOBAL const real* w, GLOBAL real* dx) {
    LOCAL real w_tile[CT_ROWS][CT_STEP];
    LOCAL real y_tile[CT_STEP][CT_COLS];
    int tx = LOCAL_ID(0), ty = LOCAL_ID(1);
    ct_tile tl = ct_tile_of(g, g.in_c / g.groups);
    int taps = tl.opg * tl.kvol, c = tl.row0 + ty;                     // c: the item's channel within the group
    int row_ok = c < tl.row_end;
    i64 positions = (i64) g.batch * tl.in_plane;

    // the CT_PER columns this item gathers and computes, as (b, position in the plane, i + pad per axis)
    int pb[CT_PER], hi0[CT_PER], hi1[CT_PER], hi2[CT_PER];
    i64 prem[CT_PER];
    real sum[CT_PER];
    for (int r = 0; r < CT_PER; r++) {
        i64 p = (i64) GROUP_ID(0) * CT_COLS + tx + 16 * r;
        pb[r] = p < positions ? (int) (p / tl.in_plane) : -1;
        prem[r] = p < positions ? p % tl.in_plane : 0;
        hi2[r] = (int) (prem[r] % g.in[2]) + g.pad[2];
        hi1[r] = (int) (prem[r] / g.in[2] % g.in[1]) + g.pad[1];
        hi0[r] = (int) (prem[r] / g.in[2] / g.in[1]) + g.pad[0];
        sum[r] = 0;
    }
    for (int t0 = 0; t0 < taps; t0 += CT_STEP) {
        int tw = t0 + tx;                                                 // w_tile[c][t] = w[grp * opg + oc, c, k]
        w_tile[ty][tx] = row_ok && tw < taps
                ? w[(((i64) tl.grp * tl.opg + tw / tl.kvol) * tl.cpg + c) * tl.kvol + tw % tl.kvol] : (real) 0;
        int t = t0 + ty, oc = tl.grp * tl.opg + t / tl.kvol, kk = t % tl.kvol;
        int k2 = kk % g.k[2], k1 = kk / g.k[2] % g.k[1], k0 = kk / g.k[2] / g.k[1];
        for (int r = 0; r < CT_PER; r++) {
            int n0 = hi0[r] - k0 * g.dil[0], n1 = hi1[r] - k1 * g.dil[1], n2 = hi2[r] - k2 * g.dil[2];
            int inside = t < taps && pb[r] >= 0 && n0 >= 0 && n1 >= 0 && n2 >= 0
                    && n0 % g.stride[0] == 0 && n1 % g.stride[1] == 0 && n2 % g.stride[2] == 0
                    && n0 / g.stride[0] < g.out[0] && n1 / g.stride[1] < g.out[1] && n2 / g.stride[2] < g.out[2];
            y_tile[ty][tx + 16 * r] = inside
                    ? dy[((i64) pb[r] * g.out_c + oc) * tl.out_plane
                         + ((i64) (n0 / g.stride[0]) * g.out[1] + n1 / g.stride[1]) * g.out[2] + n2 / g.stride[2]]
                    : (real) 0;
        }
        CT_ACCUMULATE(w_tile, y_tile, sum)
    }
    for (int r = 0; r < CT_PER; r++) {
        if (row_ok && pb[r] >= 0) dx[((i64) pb[r] * g.in_c + tl.grp * tl.cpg + c) * tl.in_plane + prem[r]] = sum[r];
    }
}
