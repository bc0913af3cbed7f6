// Batch norm backward (training mode) over x, dy: (B, C, S) contiguous.

// One work-group of TK_GROUP items per channel: dbeta = sum(dy), dgamma = sum(dy * xhat), xhat = (x - mean) * inv_std.
KERNEL void batch_norm_bwd_reduce(int batch, int channels, i64 spatial, GLOBAL const real* dy, GLOBAL const real* x,
                                  GLOBAL const real* mean, GLOBAL const real* inv_std,
                                  GLOBAL real* dgamma, GLOBAL real* dbeta) {
    LOCAL acc sum_dy[TK_GROUP];
    LOCAL acc sum_dy_xhat[TK_GROUP];
    int c = (int) GROUP_ID(0);
    int t = LOCAL_ID(0);
    acc mu = mean[c], is = inv_std[c];
    i64 m = (i64) batch * spatial;
    acc s1 = 0, s2 = 0;
    for (i64 j = t; j < m; j += TK_GROUP) {
        i64 b = j / spatial, k = j - b * spatial;
        i64 idx = (b * channels + c) * spatial + k;
        acc g = dy[idx];
        s1 += g;
        s2 += g * ((acc) x[idx] - mu) * is;
    }
    sum_dy[t] = s1;
    sum_dy_xhat[t] = s2;
    BARRIER();
    for (int h = TK_GROUP / 2; h > 0; h >>= 1) {
        if (t < h) {
            sum_dy[t] += sum_dy[t + h];
            sum_dy_xhat[t] += sum_dy_xhat[t + h];
        }
        BARRIER();
    }
    if (t == 0) {
        dbeta[c] = (real) sum_dy[0];
        dgamma[c] = (real) sum_dy_xhat[0];
    }
}

// dx = gamma * inv_std * (dy - dbeta / m - xhat * dgamma / m), m = B * S; one work-item per element.
KERNEL void batch_norm_bwd_apply(int batch, int channels, i64 spatial, GLOBAL const real* dy, GLOBAL const real* x,
                                 GLOBAL const real* mean, GLOBAL const real* inv_std, GLOBAL const real* gamma,
                                 GLOBAL const real* dgamma, GLOBAL const real* dbeta, GLOBAL real* dx, i64 n) {
    i64 i = GLOBAL_ID(0);
    if (i >= n) return;
    int c = (int) ((i / spatial) % channels);
    acc m = (acc) batch * (acc) spatial;
    acc xhat = ((acc) x[i] - mean[c]) * inv_std[c];
    dx[i] = (real) ((acc) gamma[c] * inv_std[c] * ((acc) dy[i] - dbeta[c] / m - xhat * dgamma[c] / m));
}
