// adam: one fused Adam / AdamW step in place over contiguous p, g, m, v of n elements (PyTorch's Adam and AdamW).
// bias1 = 1 - beta1^t and bias2 = 1 - beta2^t come from the host, which counts the steps t.
//   Adam:  g' = g + weight_decay * p          AdamW: p *= 1 - lr * weight_decay, g' = g
//   m = beta1 m + (1 - beta1) g';  v = beta2 v + (1 - beta2) g'^2
//   p -= lr * (m / bias1) / (sqrt(v / bias2) + eps)
KERNEL void adam(acc lr, acc beta1, acc beta2, acc eps, acc weight_decay, int decoupled, acc bias1, acc bias2,
                 GLOBAL real* p, GLOBAL const real* g, GLOBAL real* m, GLOBAL real* v, i64 n) {
    i64 i = GLOBAL_ID(0);
    if (i >= n) return;
    acc pi = p[i], gi = g[i];
    if (decoupled) pi *= (acc) 1 - lr * weight_decay;
    else gi += weight_decay * pi;
    acc mi = beta1 * (acc) m[i] + ((acc) 1 - beta1) * gi;
    acc vi = beta2 * (acc) v[i] + ((acc) 1 - beta2) * gi * gi;
    m[i] = (real) mi;
    v[i] = (real) vi;
    p[i] = (real) (pi - lr * (mi / bias1) / (sqrt(vi / bias2) + eps));
}
