// conv_fwd_v2: conv_fwd as a tiled implicit GEMM. v2 changes against v1 (one work-item per output, every input value
// and weight read from global memory once per multiply-add): a work-group of CT_COLS = 64 items computes a tile of
// CT_ROWS = 16 output channels (of one group) x 64 output positions. Each item owns one position and keeps the 16
// channels' sums in registers, so every input value it gathers feeds 16 multiply-adds; the weights of a step of
// CT_STEP = 32 taps are staged in local memory once for the whole group. Staging the inputs in local memory too (a
// 16 x 16 group, 4 positions per item) measured about 2x slower on PoCL. Measured in benchmarks/README.md.
//   rows: output channels of group grp;  columns: positions p = (b, o0, o1, o2);  reduction: taps t = (c, k0, k1, k2)
// x: (B, C, D, H, W), w: (O, C/groups, KD, KH, KW) -> y: (B, O, OD, OH, OW); all contiguous.
// Launch: local (64, 1); global (ceil(P / 64) * 64, groups * ceil((O / groups) / 16)), P = B * OD * OH * OW.
// CT_*, ct_tile and CT_STAGE serve the two backward v2 kernels too.
#define CT_ROWS 16
#define CT_COLS 64
#define CT_STEP 32

// Where a work-group's tile sits: convolution group grp, rows [row0, row0 + rows) counted within the group.
typedef struct { int grp, row0, rows, cpg, opg, kvol; i64 in_plane, out_plane; } ct_tile;

FN ct_tile ct_tile_of(tk_conv g, int rows_per_group) {
    ct_tile t;
    int row_tiles = (rows_per_group + CT_ROWS - 1) / CT_ROWS;
    t.grp = (int) GROUP_ID(1) / row_tiles;
    t.row0 = ((int) GROUP_ID(1) % row_tiles) * CT_ROWS;
    t.rows = rows_per_group - t.row0 < CT_ROWS ? rows_per_group - t.row0 : CT_ROWS;
    t.cpg = g.in_c / g.groups;
    t.opg = g.out_c / g.groups;
    t.kvol = g.k[0] * g.k[1] * g.k[2];
    t.in_plane = (i64) g.in[0] * g.in[1] * g.in[2];
    t.out_plane = (i64) g.out[0] * g.out[1] * g.out[2];
    return t;
}

// Stages tile[s][r] = VALUE(r, s) for the step's CT_STEP reduction indices and the tile's CT_ROWS rows (0 past either
// end), the group's items sharing the loads, then waits for all of them (a macro: barriers stay in the kernel body).
#define CT_STAGE(tile, first, count, rows, VALUE)                                      \
    for (int e_ = LOCAL_ID(0); e_ < CT_STEP * CT_ROWS; e_ += LOCAL_SIZE(0)) {          \
        int r_ = e_ % CT_ROWS, s_ = e_ / CT_ROWS;                                      \
        tile[s_][r_] = r_ < (rows) && (first) + s_ < (count) ? (VALUE(r_, (first) + s_)) : (real) 0; \
    }                                                                                  \
    BARRIER();

KERNEL void conv_fwd_v2(tk_conv g, GLOBAL const real* x, GLOBAL const real* w, GLOBAL real* y) {
    LOCAL real w_tile[CT_STEP][CT_ROWS];
    ct_tile tl = ct_tile_of(g, g.out_c / g.groups);
    int taps = tl.cpg * tl.kvol;
    i64 p = GLOBAL_ID(0), positions = (i64) g.batch * tl.out_plane;
    int valid = p < positions;
    int b = valid ? (int) (p / tl.out_plane) : 0;
    i64 rem = valid ? p % tl.out_plane : 0;
    int lo2 = (int) (rem % g.out[2]) * g.stride[2] - g.pad[2];
    int lo1 = (int) (rem / g.out[2] % g.out[1]) * g.stride[1] - g.pad[1];
    int lo0 = (int) (rem / g.out[2] / g.out[1]) * g.stride[0] - g.pad[0];
    GLOBAL const real* wt = w + (i64) (tl.grp * tl.opg + tl.row0) * taps;
    GLOBAL const real* xb = x + ((i64) b * g.in_c + tl.grp * tl.cpg) * tl.in_plane;
    real sum[CT_ROWS];
    for (int r = 0; r < CT_ROWS; r++) sum[r] = 0;
    for (int t0 = 0; t0 < taps; t0 += CT_STEP) {
        #define W_OF(r, t) wt[(i64) (r) * taps + (t)]
        CT_STAGE(w_tile, t0, taps, tl.rows, W_OF)
        #undef W_OF
        int n = taps - t0 < CT_STEP ? taps - t0 : CT_STEP;
        for (int s = 0; s < n; s++) {
            int t = t0 + s, c = t / tl.kvol, kk = t % tl.kvol;
            int i0 = lo0 + kk / g.k[2] / g.k[1] * g.dil[0], i1 = lo1 + kk / g.k[2] % g.k[1] * g.dil[1];
            int i2 = lo2 + kk % g.k[2] * g.dil[2];
            int inside = valid && i0 >= 0 && i0 < g.in[0] && i1 >= 0 && i1 < g.in[1] && i2 >= 0 && i2 < g.in[2];
            real v = inside ? xb[(i64) c * tl.in_plane + ((i64) i0 * g.in[1] + i1) * g.in[2] + i2] : (real) 0;
            for (int r = 0; r < CT_ROWS; r++) sum[r] += w_tile[s][r] * v;
        }
        BARRIER();
    }
    if (valid) {
        for (int r = 0; r < tl.rows; r++) y[((i64) b * g.out_c + tl.grp * tl.opg + tl.row0 + r) * tl.out_plane + rem] = sum[r];
    }
}
