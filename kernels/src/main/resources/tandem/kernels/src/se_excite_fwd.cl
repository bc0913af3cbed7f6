// se_excite_fwd: the class-map head's per-class squeeze-and-excitation gates.
// z: (B, N), w1: (C, H, N), b1: (C, H), w2: (C, N, H), b2: (C, N), all dense -> s: (B, C, N) with
//   h = relu(w1[c] z[b] + b1[c])  (H),   s[b, c] = sigmoid(w2[c] h + b2[c])  (N)
// One work-group per (class, batch) = (GROUP_ID(0), GROUP_ID(1)). The hidden layer goes through local memory
// SE_TILE units at a time (one item per hidden unit); each item then adds that tile's share to the pre-activations
// of its outputs, carried in s, and the sigmoid is applied at the end.
#define SE_TILE 256

KERNEL void se_excite_fwd(int nc, int h, int n, GLOBAL const real* z, GLOBAL const real* w1, GLOBAL const real* b1,
                          GLOBAL const real* w2, GLOBAL const real* b2, GLOBAL real* s) {
    LOCAL acc hidden[SE_TILE];
    int c = (int) GROUP_ID(0), b = (int) GROUP_ID(1);
    int lid = LOCAL_ID(0), items = LOCAL_SIZE(0);
    GLOBAL const real* zb = z + (i64) b * n;
    GLOBAL real* sb = s + ((i64) b * nc + c) * n;
    for (int e = lid; e < n; e += items) sb[e] = b2[(i64) c * n + e];
    for (int t = 0; t < h; t += SE_TILE) {
        int tile = h - t < SE_TILE ? h - t : SE_TILE;
        for (int u = lid; u < tile; u += items) {
            GLOBAL const real* w1u = w1 + ((i64) c * h + t + u) * n;
            acc a = b1[(i64) c * h + t + u];
            for (int e = 0; e < n; e++) a += (acc) w1u[e] * (acc) zb[e];
            hidden[u] = a > 0 ? a : (acc) 0;
        }
        BARRIER();
        for (int e = lid; e < n; e += items) {
            GLOBAL const real* w2e = w2 + ((i64) c * n + e) * h + t;
            acc pre = sb[e];
            for (int u = 0; u < tile; u++) pre += (acc) w2e[u] * hidden[u];
            sb[e] = (real) pre;
        }
        BARRIER();
    }
    for (int e = lid; e < n; e += items) sb[e] = (real) ((acc) 1 / ((acc) 1 + exp(-(acc) sb[e])));
}
