// cast: strided src of one float type -> contiguous dst of the other. Spelled with explicit float/double
// (not `real`), so these two kernels exist once, in every program of a device with doubles.
#if TK_HAS_F64
KERNEL void cast_f32_to_f64(tk_shape shape, tk_strides src_st, i64 src_off,
                            GLOBAL const float* src, GLOBAL double* dst, i64 n) {
    i64 i = GLOBAL_ID(0);
    if (i >= n) return;
    dst[i] = (double) src[src_off + tk_offset(i, shape, src_st)];
}

KERNEL void cast_f64_to_f32(tk_shape shape, tk_strides src_st, i64 src_off,
                            GLOBAL const double* src, GLOBAL float* dst, i64 n) {
    i64 i = GLOBAL_ID(0);
    if (i >= n) return;
    dst[i] = (float) src[src_off + tk_offset(i, shape, src_st)];
}
#endif
