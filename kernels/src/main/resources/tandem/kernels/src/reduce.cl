// reduce: x is walked as (n_out, r) in row-major order of `shape`: the host permutes the kept axes first and the
// reduced axes last, so output o reduces the r elements o*r .. o*r + r - 1. y: contiguous (n_out).
// Semantics match tandem.kernels.cpu.ref.ReduceRef: MAX/MIN propagate NaN, ARG* return the first extreme index
// (the first NaN if any), an empty MAX/MIN gives -inf/+inf and an empty ARG* gives 0.

// Does candidate (v, i) beat the current pick (bv, bi)? bi < 0 means nothing picked yet.
FN int tk_reduce_better(int op, acc v, i64 i, acc bv, i64 bi) {
    if (bi < 0) return 1;
    int vn = tk_isnan(v), bn = tk_isnan(bv);
    if (vn || bn) return vn && (!bn || i < bi);
    if (v == bv) return i < bi;
    return (op == RED_MAX || op == RED_ARGMAX) ? v > bv : v < bv;
}

FN real tk_reduce_result(int op, acc v, i64 vi, i64 r) {
    switch (op) {
        case RED_SUM: return (real) v;
        case RED_MEAN: return (real) (v / (acc) r);
        case RED_MAX: return vi < 0 ? (real) -TK_INF : (real) v;
        case RED_MIN: return vi < 0 ? (real) TK_INF : (real) v;
        default: return vi < 0 ? (real) 0 : (real) vi;
    }
}

// Short reductions: one work-item per output.
KERNEL void reduce_serial(int op, tk_shape shape, tk_strides st, i64 x_off, i64 n_out, i64 r,
                          GLOBAL const real* x, GLOBAL real* y) {
    i64 o = GLOBAL_ID(0);
    if (o >= n_out) return;
    int pick = op != RED_SUM && op != RED_MEAN;
    acc v = 0;
    i64 vi = -1;
    for (i64 j = 0; j < r; j++) {
        acc e = x[x_off + tk_offset(o * r + j, shape, st)];
        if (!pick) v += e;
        else if (tk_reduce_better(op, e, j, v, vi)) { v = e; vi = j; }
    }
    y[o] = tk_reduce_result(op, v, vi, r);
}

// Long reductions: one work-group of TK_GROUP items per output, strided partial results, then a tree in local memory.
KERNEL void reduce(int op, tk_shape shape, tk_strides st, i64 x_off, i64 r, GLOBAL const real* x, GLOBAL real* y) {
    LOCAL acc vals[TK_GROUP];
    LOCAL i64 idxs[TK_GROUP];
    i64 o = GROUP_ID(0);
    int t = LOCAL_ID(0);
    int pick = op != RED_SUM && op != RED_MEAN;
    acc v = 0;
    i64 vi = -1;
    for (i64 j = t; j < r; j += TK_GROUP) {
        acc e = x[x_off + tk_offset(o * r + j, shape, st)];
        if (!pick) v += e;
        else if (tk_reduce_better(op, e, j, v, vi)) { v = e; vi = j; }
    }
    vals[t] = v;
    idxs[t] = vi;
    BARRIER();
    for (int s = TK_GROUP / 2; s > 0; s >>= 1) {
        if (t < s) {
            if (!pick) {
                vals[t] += vals[t + s];
            } else if (idxs[t + s] >= 0 && tk_reduce_better(op, vals[t + s], idxs[t + s], vals[t], idxs[t])) {
                vals[t] = vals[t + s];
                idxs[t] = idxs[t + s];
            }
        }
        BARRIER();
    }
    if (t == 0) y[o] = tk_reduce_result(op, vals[0], idxs[0], r);
}
