// Batch norm forward over x: (B, C, S) contiguous (S = product of the spatial sizes), statistics per channel.

// Sum over one channel's B*S elements of (x - shift)^power (power 1 or 2), reduced by the whole work-group.
FN acc tk_channel_sum(GLOBAL const real* x, int batch, int channels, i64 spatial, int c, acc shift, int power,
                      LOCAL_PTR acc* part) {
    int t = LOCAL_ID(0);
    i64 m = (i64) batch * spatial;
    acc s = 0;
    for (i64 j = t; j < m; j += TK_GROUP) {
        i64 b = j / spatial, k = j - b * spatial;
        acc d = (acc) x[(b * channels + c) * spatial + k] - shift;
        s += power == 1 ? d : d * d;
    }
    part[t] = s;
    BARRIER();
    for (int h = TK_GROUP / 2; h > 0; h >>= 1) {
        if (t < h) part[t] += part[t + h];
        BARRIER();
    }
    acc total = part[0];
    BARRIER();
    return total;
}

// One work-group of TK_GROUP items per channel. Training: batch mean and biased variance (two passes, for accuracy),
// and the running statistics move by momentum with the unbiased variance (PyTorch's convention). Eval: the running
// statistics are used as they are. Writes mean (C) and inv_std = 1/sqrt(var + eps) (C).
KERNEL void batch_norm_stats(int batch, int channels, i64 spatial, int training, acc momentum, acc eps,
                             GLOBAL const real* x, GLOBAL real* mean, GLOBAL real* inv_std,
                             GLOBAL real* running_mean, i64 rm_off, int rm_stride,
                             GLOBAL real* running_var, i64 rv_off, int rv_stride) {
    LOCAL acc part[TK_GROUP];
    int c = (int) GROUP_ID(0);
    GLOBAL real* rm = running_mean + rm_off + (i64) c * rm_stride;
    GLOBAL real* rv = running_var + rv_off + (i64) c * rv_stride;
    if (!training) {
        if (LOCAL_ID(0) == 0) {
            mean[c] = *rm;
            inv_std[c] = (real) ((acc) 1 / sqrt((acc) *rv + eps));
        }
        return;
    }
    i64 m = (i64) batch * spatial;
    acc mu = tk_channel_sum(x, batch, channels, spatial, c, 0, 1, part) / (acc) m;
    acc var = tk_channel_sum(x, batch, channels, spatial, c, mu, 2, part) / (acc) m;
    if (LOCAL_ID(0) == 0) {
        mean[c] = (real) mu;
        inv_std[c] = (real) ((acc) 1 / sqrt(var + eps));
        acc unbiased = m > 1 ? var * (acc) m / (acc) (m - 1) : var;
        *rm = (real) (((acc) 1 - momentum) * (acc) *rm + momentum * mu);
        *rv = (real) (((acc) 1 - momentum) * (acc) *rv + momentum * unbiased);
    }
}

// y = (x - mean[c]) * inv_std[c] * gamma[c] + beta[c], one work-item per element.
KERNEL void batch_norm_apply(int channels, i64 spatial, GLOBAL const real* x, GLOBAL const real* mean,
                             GLOBAL const real* inv_std, GLOBAL const real* gamma, GLOBAL const real* beta,
                             GLOBAL real* y, i64 n) {
    i64 i = GLOBAL_ID(0);
    if (i >= n) return;
    int c = (int) ((i / spatial) % channels);
    y[i] = (x[i] - mean[c]) * inv_std[c] * gamma[c] + beta[c];
}
