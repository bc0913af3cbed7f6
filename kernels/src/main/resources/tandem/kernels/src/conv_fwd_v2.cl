// conv_fwd_v2: conv_fwd as a tiled implicit GEMM. v2 changes against v1 (one work-item per output, every input value
// read once per output channel straight from global memory): a work-group of 16 x 16 items computes a tile of
// CT_ROWS = 16 output channels (of one group) x CT_COLS = 64 output positions, and for each step of CT_STEP = 16 taps
// stages the weights (16 x 16) and the gathered, zero-padded inputs (16 x 64) in local memory; each item then keeps
// CT_PER = 4 accumulators. Every input value is fetched once per 16 output channels. Measured in benchmarks/README.md.
//   rows: output channels oc of group grp;  columns: positions p = (b, o0, o1, o2);  reduction: taps t = (c, k0, k1, k2)
// x: (B, C, D, H, W), w: (O, C/groups, KD, KH, KW) -> y: (B, O, OD, OH, OW); all contiguous.
// Launch: local (16, 16); global (ceil(P / CT_COLS) * 16, groups * ceil((O / groups) / 16) * 16), P = B * OD * OH * OW.
// The tile sizes, ct_tile and CT_ACCUMULATE serve the two backward v2 kernels too.
#define CT_ROWS 16
#define CT_COLS 64
#define CT_STEP 16
#define CT_PER (CT_COLS / 16)

// Where a work-group's tile sits: convolution group grp, its rows [row0, row_end) counted within the group.
typedef struct { int grp, row0, row_end, cpg, opg, kvol; i64 in_plane, out_plane; } ct_tile;

FN ct_tile ct_tile_of(tk_conv g, int rows_per_group) {
    ct_tile t;
    int row_tiles = (rows_per_group + CT_ROWS - 1) / CT_ROWS;
    t.grp = (int) GROUP_ID(1) / row_tiles;
    t.row0 = ((int) GROUP_ID(1) % row_tiles) * CT_ROWS;
    t.row_end = rows_per_group;
    t.cpg = g.in_c / g.groups;
    t.opg = g.out_c / g.groups;
    t.kvol = g.k[0] * g.k[1] * g.k[2];
    t.in_plane = (i64) g.in[0] * g.in[1] * g.in[2];
    t.out_plane = (i64) g.out[0] * g.out[1] * g.out[2];
    return t;
}

// sum[r] += rows[ty][s] * cols[s][tx + 16 r] over the staged step, between the barriers that publish and release the
// tiles (a macro, so the barriers stay in the kernel body).
#define CT_ACCUMULATE(rows, cols, sum)                                              \
    BARRIER();                                                                      \
    for (int s_ = 0; s_ < CT_STEP; s_++) {                                          \
        real a_ = rows[ty][s_];                                                     \
        for (int r_ = 0; r_ < CT_PER; r_++) sum[r_] += a_ * cols[s_][tx + 16 * r_]; \
    }                                                                               \
    BARRIER();

KERNEL void conv_fwd_v2(tk_conv g, GLOBAL const real* x, GLOBAL const real* w, GLOBAL real* y) {
    LOCAL real w_tile[CT_ROWS][CT_STEP];
    LOCAL real x_tile[CT_STEP][CT_COLS];
    int tx = LOCAL_ID(0), ty = LOCAL_ID(1);
    ct_tile tl = ct_tile_of(g, g.out_c / g.groups);
    int taps = tl.cpg * tl.kvol, oc = tl.grp * tl.opg + tl.row0 + ty;
    int row_ok = tl.row0 + ty < tl.row_end;
    i64 positions = (i64) g.batch * tl.out_plane;

    // the CT_PER columns this item gathers and computes: tile column tx + 16 r; b = -1 marks one past the end
    int pb[CT_PER], lo0[CT_PER], lo1[CT_PER], lo2[CT_PER];
    i64 prem[CT_PER];
    real sum[CT_PER];
    for (int r = 0; r < CT_PER; r++) {
        i64 p = (i64) GROUP_ID(0) * CT_COLS + tx + 16 * r;
        pb[r] = p < positions ? (int) (p / tl.out_plane) : -1;
        prem[r] = p < positions ? p % tl.out_plane : 0;
        lo2[r] = (int) (prem[r] % g.out[2]) * g.stride[2] - g.pad[2];
        lo1[r] = (int) (prem[r] / g.out[2] % g.out[1]) * g.stride[1] - g.pad[1];
        lo0[r] = (int) (prem[r] / g.out[2] / g.out[1]) * g.stride[0] - g.pad[0];
        sum[r] = 0;
    }
    for (int t0 = 0; t0 < taps; t0 += CT_STEP) {
        w_tile[ty][tx] = row_ok && t0 + tx < taps ? w[(i64) oc * taps + t0 + tx] : (real) 0;
        int t = t0 + ty, c = t / tl.kvol, kk = t % tl.kvol;
        int k2 = kk % g.k[2], k1 = kk / g.k[2] % g.k[1], k0 = kk / g.k[2] / g.k[1];
        for (int r = 0; r < CT_PER; r++) {
            int i0 = lo0[r] + k0 * g.dil[0], i1 = lo1[r] + k1 * g.dil[1], i2 = lo2[r] + k2 * g.dil[2];
            int inside = t < taps && pb[r] >= 0 && i0 >= 0 && i0 < g.in[0] && i1 >= 0 && i1 < g.in[1] && i2 >= 0 && i2 < g.in[2];
            x_tile[ty][tx + 16 * r] = inside
                    ? x[((i64) pb[r] * g.in_c + tl.grp * tl.cpg + c) * tl.in_plane + ((i64) i0 * g.in[1] + i1) * g.in[2] + i2]
                    : (real) 0;
        }
        CT_ACCUMULATE(w_tile, x_tile, sum)
    }
    for (int r = 0; r < CT_PER; r++) {
        if (row_ok && pb[r] >= 0) y[((i64) pb[r] * g.out_c + oc) * tl.out_plane + prem[r]] = sum[r];
    }
}
