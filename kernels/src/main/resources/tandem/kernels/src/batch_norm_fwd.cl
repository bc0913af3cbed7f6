// Batch norm forward over x: (B, C, S) contiguous (S = product of the spatial sizes), statistics per channel.

// Work-group sum of every item's v, by a tree in local memory; all items get the total.
// A macro rather than a function: barriers stay in the kernel body (with them in a helper function, PoCL 3.1 gave
// intermittently wrong statistics).
#define TK_GROUP_SUM(part, t, v, total)                           \
    do {                                                          \
        part[t] = (v);                                            \
        BARRIER();                                                \
        for (int h_ = TK_GROUP / 2; h_ > 0; h_ >>= 1) {           \
            if ((t) < h_) part[t] += part[(t) + h_];              \
            BARRIER();                                            \
        }                                                         \
        total = part[0];                                          \
        BARRIER();                                                \
    } while (0)

// Training: one work-group of TK_GROUP items per channel computes the batch mean and biased variance (two passes,
// for accuracy) and moves the running statistics by momentum with the unbiased variance (PyTorch's convention).
// Writes mean (C) and inv_std = 1/sqrt(var + eps) (C).
KERNEL void batch_norm_stats(int batch, int channels, i64 spatial, acc momentum, acc eps,
                             GLOBAL const real* x, GLOBAL real* mean, GLOBAL real* inv_std,
                             GLOBAL real* running_mean, i64 rm_off, int rm_stride,
                             GLOBAL real* running_var, i64 rv_off, int rv_stride) {
    LOCAL acc part[TK_GROUP];
    int c = (int) GROUP_ID(0);
    int t = LOCAL_ID(0);
    i64 m = (i64) batch * spatial;
    acc s = 0, sum, sq;
    for (i64 j = t; j < m; j += TK_GROUP) {
        i64 b = j / spatial, k = j - b * spatial;
        s += (acc) x[(b * channels + c) * spatial + k];
    }
    TK_GROUP_SUM(part, t, s, sum);
    acc mu = sum / (acc) m;
    s = 0;
    for (i64 j = t; j < m; j += TK_GROUP) {
        i64 b = j / spatial, k = j - b * spatial;
        acc d = (acc) x[(b * channels + c) * spatial + k] - mu;
        s += d * d;
    }
    TK_GROUP_SUM(part, t, s, sq);
    if (t == 0) {
        acc var = sq / (acc) m;
        mean[c] = (real) mu;
        inv_std[c] = (real) ((acc) 1 / sqrt(var + eps));
        acc unbiased = m > 1 ? var * (acc) m / (acc) (m - 1) : var;
        GLOBAL real* rm = running_mean + rm_off + (i64) c * rm_stride;
        GLOBAL real* rv = running_var + rv_off + (i64) c * rv_stride;
        *rm = (real) (((acc) 1 - momentum) * (acc) *rm + momentum * mu);
        *rv = (real) (((acc) 1 - momentum) * (acc) *rv + momentum * unbiased);
    }
}

// Eval: mean and inv_std from the running statistics, one work-item per channel.
KERNEL void batch_norm_eval_stats(int channels, acc eps, GLOBAL const real* running_mean, i64 rm_off, int rm_stride,
                                  GLOBAL const real* running_var, i64 rv_off, int rv_stride,
                                  GLOBAL real* mean, GLOBAL real* inv_std) {
    i64 c = GLOBAL_ID(0);
    if (c >= channels) return;
    mean[c] = running_mean[rm_off + c * rm_stride];
    inv_std[c] = (real) ((acc) 1 / sqrt((acc) running_var[rv_off + c * rv_stride] + eps));
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
