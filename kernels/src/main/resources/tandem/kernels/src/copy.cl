// copy: dst[view] = src[view], both strided over one logical shape (src may broadcast: stride 0).
// Serves copy/contiguous (dst contiguous) and assign (dst any view).
KERNEL void copy(tk_shape shape, tk_strides dst_st, i64 dst_off, tk_strides src_st, i64 src_off,
                 GLOBAL real* dst, GLOBAL const real* src, i64 n) {
    i64 i = GLOBAL_ID(0);
    if (i >= n) return;
    dst[dst_off + tk_offset(i, shape, dst_st)] = src[src_off + tk_offset(i, shape, src_st)];
}
