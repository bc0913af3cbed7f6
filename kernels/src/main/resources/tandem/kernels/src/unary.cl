// unary: y = f(x) elementwise; x: any strided view of n elements, y: contiguous (n).
// Each case matches tandem.kernels.cpu.ref.ElementwiseRef.unary.
FN real tk_unary(int op, real x, real p) {
    switch (op) {
        case UN_NEG: return -x;
        case UN_EXP: return exp(x);
        case UN_LOG: return log(x);
        case UN_SQRT: return sqrt(x);
        case UN_RSQRT: return (real) 1 / sqrt(x);
        case UN_ABS: return fabs(x);
        case UN_SQUARE: return x * x;
        case UN_RECIPROCAL: return (real) 1 / x;
        case UN_RELU: return x > 0 ? x : (real) 0;
        // the two branches keep exp's argument <= 0, so neither overflows
        case UN_SIGMOID: {
            if (x >= 0) return (real) 1 / ((real) 1 + exp(-x));
            real e = exp(x);
            return e / ((real) 1 + e);
        }
        // tanh is exactly +-1 beyond 20 in float and double; some device libraries stop an ulp short
        case UN_TANH: return fabs(x) > (real) 20 ? (x > 0 ? (real) 1 : (real) -1) : tanh(x);
        // signum: NaN and signed zeros pass through unchanged, as Math.signum
        case UN_SIGN: return x > 0 ? (real) 1 : x < 0 ? (real) -1 : x;
        case UN_POW: return pow(x, p);
        case UN_ADD_SCALAR: return x + p;
        case UN_MUL_SCALAR: return x * p;
        case UN_LEAKY_RELU: return x > 0 ? x : p * x;
        default: return x;
    }
}

KERNEL void unary(int op, real p, tk_shape shape, tk_strides x_st, i64 x_off,
                  GLOBAL const real* x, GLOBAL real* y, i64 n) {
    i64 i = GLOBAL_ID(0);
    if (i >= n) return;
    y[i] = tk_unary(op, x[x_off + tk_offset(i, shape, x_st)], p);
}
