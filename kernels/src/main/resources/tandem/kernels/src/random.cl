// random_sample: the random op ("random" itself clashes with the C library under CUDA).
// y[i] = sample(kind, seed, offset + i) for a contiguous y of n elements. Reproduces tandem.tensor.CounterRng
// bit for bit: SplitMix64's finaliser in 64-bit unsigned integer arithmetic, uniforms from the top 24 bits; with
// doubles on the device the affine map a + (b - a) * u is rounded once, as on the CPU.
FN u64 tk_mix(u64 z) {
    z = (z ^ (z >> 30)) * U64(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * U64(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

FN acc tk_uniform(u64 seed, u64 counter) {
    u64 bits = tk_mix(tk_mix(seed) + counter * U64(0x9E3779B97F4A7C15));
    return (acc) (bits >> 40) * ((acc) 1 / (acc) 16777216);
}

// Box-Muller on positions 2c and 2c+1 of a derived stream; 1 - u keeps log's argument in (0, 1].
FN acc tk_normal(u64 seed, u64 counter) {
    u64 s = seed ^ U64(0x5DEECE66D);
    acc u1 = (acc) 1 - tk_uniform(s, 2 * counter);
    acc u2 = tk_uniform(s, 2 * counter + 1);
    return sqrt((acc) -2 * log(u1)) * cos((acc) 2 * (acc) 3.141592653589793 * u2);
}

KERNEL void random_sample(int kind, i64 seed, i64 offset, acc a, acc b, GLOBAL real* y, i64 n) {
    i64 i = GLOBAL_ID(0);
    if (i >= n) return;
    u64 s = (u64) seed, c = (u64) offset + (u64) i;
    acc v;
    if (kind == RNG_UNIFORM) v = a + (b - a) * tk_uniform(s, c);
    else if (kind == RNG_NORMAL) v = a + b * tk_normal(s, c);
    else v = tk_uniform(s, c) < a ? (acc) 1 : (acc) 0;
    y[i] = (real) v;
}
