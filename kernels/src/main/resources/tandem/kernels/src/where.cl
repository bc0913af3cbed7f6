// where: y = cond != 0 ? a : b, all three strided over the broadcast shape; y contiguous.
KERNEL void where(tk_shape shape, tk_strides c_st, i64 c_off, tk_strides a_st, i64 a_off, tk_strides b_st, i64 b_off,
                  GLOBAL const real* cond, GLOBAL const real* a, GLOBAL const real* b, GLOBAL real* y, i64 n) {
    i64 i = GLOBAL_ID(0);
    if (i >= n) return;
    y[i] = cond[c_off + tk_offset(i, shape, c_st)] != 0 ? a[a_off + tk_offset(i, shape, a_st)]
                                                       : b[b_off + tk_offset(i, shape, b_st)];
}
