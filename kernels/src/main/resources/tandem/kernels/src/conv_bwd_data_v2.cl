// conv_bwd_data_v2: conv_bwd_data tiled as conv_fwd_v2 (whose CT_* sizes, ct_tile and CT_STAGE it uses). v2 changes
// against v1 (one work-item per input element): a group of 64 items computes 16 input channels (of one group) x 64
// input positions; each item owns one position and keeps the 16 channels' sums in registers, so every dy value it
// gathers feeds 16 multiply-adds, and the transposed weights of a step of 32 (output channel, tap) pairs are staged in
// local memory. Unit strides only: dy at input position i and tap k is dy[i + pad - k * dil] when that lands inside
// the output, else 0, still a gather, no atomics. With strides most (position, tap) pairs miss, which v1's loops skip
// axis by axis, so ConvOps keeps v1 for strided convolutions (measured in benchmarks/README.md).
//   rows: input channels of group grp;  columns: positions (b, i0, i1, i2);  reduction: (oc in grp, k0, k1, k2)
// dy: (B, O, OD, OH, OW), w: (O, C/groups, KD, KH, KW) -> dx: (B, C, D, H, W); all contiguous.
// Launch: local (64, 1); global (ceil(B * D * H * W / 64) * 64, groups * ceil((C / groups) / 16)).
KERNEL void conv_bwd_data_v2(tk_conv g, GLOBAL const real* dy, GLOBAL const real* w, GLOBAL real* dx) {
    LOCAL real w_tile[CT_STEP][CT_ROWS];
    ct_tile tl = ct_tile_of(g, g.in_c / g.groups);
    int taps = tl.opg * tl.kvol;
    i64 p = GLOBAL_ID(0), positions = (i64) g.batch * tl.in_plane;
    int valid = p < positions;
    int b = valid ? (int) (p / tl.in_plane) : 0;
    i64 rem = valid ? p % tl.in_plane : 0;
    int h2 = (int) (rem % g.in[2]) + g.pad[2];
    int h1 = (int) (rem / g.in[2] % g.in[1]) + g.pad[1];
    int h0 = (int) (rem / g.in[2] / g.in[1]) + g.pad[0];
    GLOBAL const real* wg = w + (i64) tl.grp * tl.opg * tl.cpg * tl.kvol;      // w[grp * opg + oc, c, k]
    GLOBAL const real* dyb = dy + ((i64) b * g.out_c + tl.grp * tl.opg) * tl.out_plane;
    real sum[CT_ROWS];
    for (int r = 0; r < CT_ROWS; r++) sum[r] = 0;
    for (int t0 = 0; t0 < taps; t0 += CT_STEP) {
        #define WT_OF(r, t) wg[((i64) ((t) / tl.kvol) * tl.cpg + tl.row0 + (r)) * tl.kvol + (t) % tl.kvol]
        CT_STAGE(w_tile, t0, taps, tl.rows, WT_OF)
        #undef WT_OF
        int n = taps - t0 < CT_STEP ? taps - t0 : CT_STEP;
        for (int s = 0; s < n; s++) {
            int t = t0 + s, oc = t / tl.kvol, kk = t % tl.kvol;
            int n0 = h0 - kk / g.k[2] / g.k[1] * g.dil[0], n1 = h1 - kk / g.k[2] % g.k[1] * g.dil[1];
            int n2 = h2 - kk % g.k[2] * g.dil[2];
            int inside = valid && n0 >= 0 && n0 < g.out[0] && n1 >= 0 && n1 < g.out[1] && n2 >= 0 && n2 < g.out[2];
            real v = inside ? dyb[(i64) oc * tl.out_plane + ((i64) n0 * g.out[1] + n1) * g.out[2] + n2] : (real) 0;
            for (int r = 0; r < CT_ROWS; r++) sum[r] += w_tile[s][r] * v;
        }
        BARRIER();
    }
    if (valid) {
        for (int r = 0; r < tl.rows; r++) dx[((i64) b * g.in_c + tl.grp * tl.cpg + tl.row0 + r) * tl.in_plane + rem] = sum[r];
    }
}
