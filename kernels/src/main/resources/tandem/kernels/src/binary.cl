// binary: y = a (op) b with broadcasting; a, b: strided over the broadcast shape (stride 0 on broadcast axes),
// y: contiguous. Each case matches tandem.kernels.cpu.ref.ElementwiseRef.binary.
FN real tk_binary(int op, real a, real b) {
    switch (op) {
        case BIN_ADD: return a + b;
        case BIN_SUB: return a - b;
        case BIN_MUL: return a * b;
        case BIN_DIV: return a / b;
        case BIN_POW: return pow(a, b);
        // Math.max/min propagate NaN, unlike C's fmax/fmin
        case BIN_MAX: return a != a ? a : b != b ? b : a > b ? a : b;
        case BIN_MIN: return a != a ? a : b != b ? b : a < b ? a : b;
        case BIN_GT: return a > b ? (real) 1 : (real) 0;
        case BIN_GE: return a >= b ? (real) 1 : (real) 0;
        case BIN_LT: return a < b ? (real) 1 : (real) 0;
        case BIN_EQ: return a == b ? (real) 1 : (real) 0;
        default: return a;
    }
}

KERNEL void binary(int op, tk_shape shape, tk_strides a_st, i64 a_off, tk_strides b_st, i64 b_off,
                   GLOBAL const real* a, GLOBAL const real* b, GLOBAL real* y, i64 n) {
    i64 i = GLOBAL_ID(0);
    if (i >= n) return;
    y[i] = tk_binary(op, a[a_off + tk_offset(i, shape, a_st)], b[b_off + tk_offset(i, shape, b_st)]);
}
