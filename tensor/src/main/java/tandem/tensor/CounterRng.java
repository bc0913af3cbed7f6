package tandem.tensor;

/**
 * A counter-based generator: the value at position {@code i} of stream {@code seed} is a pure function of
 * (seed, i), so it is the same on every backend, in any order, on any number of threads.
 * The mixer is SplitMix64's finaliser over {@code seed * GOLDEN + i}, which device kernels reproduce with 64-bit
 * integer arithmetic. Uniforms take the top 24 bits (exact in float); normals use Box-Muller on positions
 * 2i and 2i+1 of a derived stream.
 */
public final class CounterRng {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private CounterRng() {}

    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public static long bits(long seed, long counter) {
        return mix(mix(seed) + counter * GOLDEN);
    }

    /** Uniform in [0, 1), 24 bits of resolution. */
    public static double uniform(long seed, long counter) {
        return (bits(seed, counter) >>> 40) * 0x1.0p-24;
    }

    /** Standard normal. */
    public static double normal(long seed, long counter) {
        long s = seed ^ 0x5DEECE66DL;
        double u1 = 1.0 - uniform(s, 2 * counter);      // (0, 1]: log stays finite
        double u2 = uniform(s, 2 * counter + 1);
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    public static double sample(RandomKind kind, long seed, long counter, double a, double b) {
        return switch (kind) {
            case UNIFORM -> a + (b - a) * uniform(seed, counter);
            case NORMAL -> a + b * normal(seed, counter);
            case BERNOULLI -> uniform(seed, counter) < a ? 1.0 : 0.0;
        };
    }
}
