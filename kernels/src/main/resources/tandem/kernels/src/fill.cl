// fill: every element of a strided view of n elements becomes value.
KERNEL void fill(tk_shape shape, tk_strides st, i64 off, real value, GLOBAL real* dst, i64 n) {
    i64 i = GLOBAL_ID(0);
    if (i >= n) return;
    dst[off + tk_offset(i, shape, st)] = value;
}
