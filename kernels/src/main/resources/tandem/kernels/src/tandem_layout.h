// Layout structs passed to kernels by value. The host packs them as plain int arrays in exactly this order
// (tandem.kernels.device.Layouts), so every field is an int.

#define TK_MAX_RANK 8

// The logical shape a kernel walks in row-major order.
typedef struct { int rank; int size[TK_MAX_RANK]; } tk_shape;

// Element strides of one operand over a tk_shape (0 on broadcast axes).
typedef struct { int s[TK_MAX_RANK]; } tk_strides;

// Storage offset (relative to the view's base) of the element with row-major index i.
FN i64 tk_offset(i64 i, tk_shape shape, tk_strides st) {
    i64 off = 0;
    for (int a = shape.rank - 1; a >= 0; a--) {
        i64 d = shape.size[a];
        i64 q = i / d;
        off += (i - q * d) * st.s[a];
        i = q;
    }
    return off;
}

// Convolution geometry; 1-d and 2-d convolutions are 3-d ones with leading spatial sizes 1.
// x: (batch, in_c, in[0], in[1], in[2]), w: (out_c, in_c / groups, k[0], k[1], k[2]), y: (batch, out_c, out[0..2])
typedef struct {
    int batch, in_c, out_c, groups;
    int in[3], out[3], k[3], stride[3], pad[3], dil[3];
} tk_conv;

// Pooling geometry over planes = batch * channels; 1-d and 2-d pooling padded to 3-d as for tk_conv.
typedef struct {
    int planes;
    int in[3], out[3], k[3], stride[3], pad[3];
    int count_include_pad;
} tk_pool;

// Row-major plane index of the first maximum in output window (o0, o1, o2) of a plane; padding never wins.
FN int tk_pool_argmax(GLOBAL const real* plane, tk_pool g, int o0, int o1, int o2) {
    int best = -1;
    real bestv = 0;
    for (int a = 0; a < g.k[0]; a++) {
        int i0 = o0 * g.stride[0] - g.pad[0] + a;
        if (i0 < 0 || i0 >= g.in[0]) continue;
        for (int b = 0; b < g.k[1]; b++) {
            int i1 = o1 * g.stride[1] - g.pad[1] + b;
            if (i1 < 0 || i1 >= g.in[1]) continue;
            for (int c = 0; c < g.k[2]; c++) {
                int i2 = o2 * g.stride[2] - g.pad[2] + c;
                if (i2 < 0 || i2 >= g.in[2]) continue;
                int idx = (i0 * g.in[1] + i1) * g.in[2] + i2;
                real v = plane[idx];
                if (best < 0 || v > bestv) { best = idx; bestv = v; }
            }
        }
    }
    return best;
}

// The divisor of average pooling for one output window.
FN int tk_pool_count(tk_pool g, int o0, int o1, int o2) {
    if (g.count_include_pad) return g.k[0] * g.k[1] * g.k[2];
    int n = 1;
    int o[3] = {o0, o1, o2};
    for (int d = 0; d < 3; d++) {
        int lo = o[d] * g.stride[d] - g.pad[d];
        int hi = lo + g.k[d];
        if (lo < 0) lo = 0;
        if (hi > g.in[d]) hi = g.in[d];
        n *= hi - lo;
    }
    return n;
}

// Range of output positions along one axis whose window covers input position i: [*lo, *hi).
FN void tk_windows_covering(int i, int pad, int k, int stride, int dil, int out, int* lo, int* hi) {
    // o covers i when o*stride - pad + t*dil == i for some t in [0, k): o in [ceil((i+pad-(k-1)*dil)/stride), floor((i+pad)/stride)]
    int top = i + pad;
    int bottom = top - (k - 1) * dil;
    int first = bottom <= 0 ? 0 : (bottom + stride - 1) / stride;
    int last = top / stride;
    *lo = first;
    *hi = last + 1 < out ? last + 1 : out;
}

// First step of window w when an axis of `length` steps is cut into `windows` windows: floor(w * length / windows).
// The formula of tandem.tensor.TimeWindows, so every kernel cuts time exactly as the model and the composite do.
FN int tk_window_start(int w, int length, int windows) { return (int) ((i64) w * length / windows); }
