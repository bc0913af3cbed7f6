// sgd_momentum: one fused SGD step in place over contiguous p, g, buf of n elements (PyTorch's SGD):
//   g' = g + weight_decay * p
//   buf = first_step ? g' : momentum * buf + (1 - dampening) * g'
//   p -= lr * (nesterov ? g' + momentum * buf : buf)
// Without momentum (has_buffer 0) there is no buffer (the host passes g in its place, never written): p -= lr * g'.
KERNEL void sgd_momentum(acc lr, acc momentum, acc dampening, acc weight_decay, int nesterov, int first_step,
                         int has_buffer, GLOBAL real* p, GLOBAL const real* g, GLOBAL real* buf, i64 n) {
    i64 i = GLOBAL_ID(0);
    if (i >= n) return;
    acc gi = (acc) g[i] + weight_decay * (acc) p[i];
    if (!has_buffer) {
        p[i] = (real) ((acc) p[i] - lr * gi);
        return;
    }
    acc bi = first_step ? gi : momentum * (acc) buf[i] + ((acc) 1 - dampening) * gi;
    buf[i] = (real) bi;
    p[i] = (real) ((acc) p[i] - lr * (nesterov ? gi + momentum * bi : bi));
}
